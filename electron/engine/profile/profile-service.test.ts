/**
 * The profile service over a real engine and workspace: what a person sees of a cached
 * profile (any cached profile of a version shows when it is opened) and how the HTML report
 * names versions (`dataset@N`, never an internal id).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { importFiles } from '../../testing/dataset-fixtures';
import { withTempEngine } from '../../testing/temp-engine';

function writeCsv(dir: string): string {
  const file = path.join(dir, 'scores.csv');
  const lines = ['id,score,label'];
  for (let i = 0; i < 60; i++) lines.push(`${i},${(i * 7) % 13},${i % 3 === 0 ? 'yes' : 'no'}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('a version profiled only with a target still shows its profile when opened without one', async () => {
  await withTempEngine(async (engine, dir) => {
    const v = await importFiles(engine, [writeCsv(dir)], undefined, 'scores');
    await (
      await engine.profiles.run({ version: v.id, target: 'label' })
    ).outcome;

    const opened = await engine.call('profile.get', { version: v.id });
    assert.ok(opened.profile, 'the cached profile shows');
    assert.equal(opened.profile.target?.column, 'label');
    // Asking for other settings explicitly still means those settings.
    assert.equal((await engine.call('profile.get', { version: v.id, target: 'score' })).profile, null);
    const custom = await engine.call('profile.get', { version: v.id, thresholds: { missingFraction: 0.5 } });
    assert.equal(custom.profile, null);
    // Once profiled without a target too, that exact profile is the one shown.
    await (
      await engine.profiles.run({ version: v.id })
    ).outcome;
    const exact = await engine.call('profile.get', { version: v.id });
    assert.equal(exact.profile?.target, undefined);
  });
});

test('the HTML report names versions as dataset@N in its title and lineage', async () => {
  await withTempEngine(async (engine, dir) => {
    const v1 = await importFiles(engine, [writeCsv(dir)], undefined, 'scores');
    const v2 = await engine.datasets.startRetype(v1.id, { score: 'DOUBLE' }).outcome;
    await (
      await engine.profiles.run({ version: v2.id })
    ).outcome;

    const { html, fileName } = await engine.call('profile.report', { version: v2.id });
    assert.match(html, /<title>Profile of scores@2<\/title>/);
    assert.match(html, /<h1>Profile of scores@2<\/h1>/);
    assert.match(html, /scores@2: 60 rows × 3 columns, retyped from scores@1 \(score → DOUBLE\)\./);
    assert.ok(!html.includes(v1.id) && !html.includes(v2.id), 'no internal version id in the report');
    assert.equal(fileName, 'scores-v2-profile.html');

    await (
      await engine.profiles.run({ version: v1.id })
    ).outcome;
    const first = await engine.call('profile.report', { version: v1.id });
    assert.match(first.html, /scores@1: 60 rows × 3 columns, imported from .*scores\.csv \(/);
  });
});
