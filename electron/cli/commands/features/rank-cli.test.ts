/**
 * `assay features rank` as a person and a script use it: the ranking table, the JSON
 * with the figures the engine tests check against scikit-learn, and one sentence with
 * exit 1 for a bad target (exit 2 for a missing flag).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FeatureRanking } from '../../../../shared/features/ranking';
import { runAssay } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

/** The engine tests' tiny table: x = 1…12, a category c, y "a" for the first six rows. */
function writeTinyCsv(dir: string): string {
  const c = ['p', 'p', 'q', 'q', 'p', 'q', 'r', 'r', 'r', 'p', 'q', 'r'];
  const file = path.join(dir, 'tiny.csv');
  fs.writeFileSync(
    file,
    `x,c,y\n${c.map((level, i) => `${i + 1},${level},${i < 6 ? 'a' : 'b'}`).join('\n')}\n`,
  );
  return file;
}

describe('assay features rank', () => {
  it('prints the ranking as a table and as JSON, and refuses a bad target in one sentence', () => {
    const dir = tempDir();
    const w = ['--workspace', path.join(dir, 'ws')];
    assert.equal(runAssay([...w, 'import', writeTinyCsv(dir), '--name', 'tiny']).code, 0);

    const json = runAssay([...w, 'features', 'rank', 'tiny@1', '--target', 'y', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const ranking = JSON.parse(json.stdout) as FeatureRanking;
    assert.equal(ranking.dataset, 'tiny');
    assert.equal(ranking.version, 1);
    assert.equal(ranking.task, 'classification');
    const x = ranking.features.find((f) => f.column === 'x');
    assert.ok(x && Math.abs((x.test.statistic ?? 0) - 30.857142857142858) < 1e-9, 'f_classif of x');

    const only = runAssay([...w, '--json', 'features', 'rank', 'tiny', '--target', 'y', '--columns', 'c']);
    assert.equal(only.code, 0, only.stderr);
    assert.deepEqual(
      (JSON.parse(only.stdout) as FeatureRanking).features.map((f) => f.column),
      ['c'],
    );

    const text = runAssay([...w, 'features', 'rank', 'tiny', '--target', 'y']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^tiny@1 against y \(classification\): 2 features, 12 rows/);
    assert.match(text.stdout, /\n\s*1\s+c\s+categorical\s+0\.2349\s+χ² 6(\.0+)?\s+p 0\.0498/);
    assert.match(text.stdout, /Skipped y: it is the target\./);

    const bad = runAssay([...w, 'features', 'rank', 'tiny', '--target', 'nope']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /tiny@1 has no column "nope" to rank against/);
    assert.equal(runAssay([...w, 'features', 'rank', 'tiny']).code, 2);
  });
});
