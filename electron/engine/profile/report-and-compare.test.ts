import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { compareProfiles } from './compare-profiles';
import { computeProfile } from './compute-profile';
import { renderProfileHtml } from './render-profile-html';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(
    `CREATE TABLE a AS SELECT i AS id, i % 10 AS score, CASE WHEN i % 3 = 0 THEN 'x' ELSE '<b>y</b>' END AS "we<ird>", NULL::INTEGER AS gone FROM range(200) r(i)`,
  );
  await conn.run(
    `CREATE TABLE b AS SELECT i AS id, (i % 10) * 2.5 AS score, 'z' AS extra FROM range(300) r(i)`,
  );
});
after(() => {
  conn.closeSync();
  instance.closeSync();
});

test('the HTML report is self-contained and escapes user text', async () => {
  const html = renderProfileHtml(await computeProfile(conn, 'a'));
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes('<svg'), 'has inline charts');
  assert.ok(!/<script|<link|src="http|href="http|url\(/i.test(html), 'no scripts or external resources');
  assert.ok(html.includes('we&lt;ird&gt;'));
  assert.ok(!html.includes('<b>y</b>'));
});

test('compareProfiles reports added/removed columns, type changes and moved stats', async () => {
  const diff = compareProfiles(await computeProfile(conn, 'a'), await computeProfile(conn, 'b'));
  assert.deepEqual(diff.rows, { a: 200, b: 300, delta: 100 });
  assert.deepEqual(diff.added, ['extra']);
  assert.deepEqual(diff.removed, ['we<ird>', 'gone']);
  assert.ok(diff.typeChanges.some((t) => t.column === 'score'));
  const score = diff.columns.find((c) => c.name === 'score')!;
  const mean = score.changes.find((c) => c.stat === 'numeric.mean')!;
  assert.equal(mean.a, 4.5);
  assert.equal(mean.b, 11.25);
  assert.equal(mean.delta, 6.75);
  assert.ok(diff.columns.find((c) => c.name === 'id')!.changes.some((c) => c.stat === 'numeric.max'));
  assert.ok(diff.alertsResolved.some((x) => x.type === 'MISSING'));
});

test('the report colours correlations as the app does: positive blue, negative red', async () => {
  await conn.run(
    `CREATE TABLE signs AS SELECT i::DOUBLE AS up, -2.0 * i AS down, i * 3.0 + 1 AS also_up FROM range(50) r(i)`,
  );
  const html = renderProfileHtml(await computeProfile(conn, 'signs'));
  const cell = (a: string, b: string): string => {
    const found = new RegExp(`fill="(hsl\\([^"]+\\))"><title>${a} × ${b}: ([-0-9.]+)</title>`).exec(html);
    assert.ok(found, `no cell ${a} × ${b}`);
    return `${found[1]} ${found[2]}`;
  };
  // The app's scale (shared/profile/heat-colour.ts): hue 215 for r ≥ 0, hue 5 below.
  assert.match(cell('up', 'also_up'), /^hsl\(215 75% 44(\.\d+)?%\) 1\.000$/);
  assert.match(cell('up', 'down'), /^hsl\(5 75% 44(\.\d+)?%\) -1\.000$/);
  assert.ok(html.includes('−1</text>'), 'the legend spans −1 … 1 for signed measures');
});
