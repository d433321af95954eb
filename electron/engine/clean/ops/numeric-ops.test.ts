/** round, clip, scale, bin and one_hot on hand-checked values with NULL and NaN, an empty table, and against pandas. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Step } from '../../../../shared/clean/recipe';
import { difference, memoryDb, pandasPython, runPandas, runStep } from './step-harness';

const TABLE = `CREATE TABLE t AS SELECT * FROM (VALUES
  (1, 2.5::DOUBLE, 'b'), (2, -2.5, 'a'), (3, 0.125, NULL), (4, NULL, 'b'), (5, 'NaN'::DOUBLE, 'c'), (6, 10.0, 'a')
) v(id, x, cat)`;
const EMPTY = `CREATE TABLE t (id BIGINT, x DOUBLE, cat VARCHAR)`;
const pandasSkip = pandasPython() ? false : 'python3 with pandas is not installed';

async function values(step: Step, column = 'x') {
  const run = await runStep(await memoryDb(TABLE), step);
  assert.deepEqual(run.issues, []);
  return run.rows.map((r) => r[column]);
}

describe('numeric operations', () => {
  it('rounds half away from zero, floors and ceils to digits, tens included', async () => {
    assert.deepEqual(await values({ op: 'round', column: 'x', digits: 0, mode: 'round' }), [
      3,
      -3,
      0,
      null,
      NaN,
      10,
    ]);
    assert.deepEqual(await values({ op: 'round', column: 'x', digits: 2, mode: 'round' }), [
      2.5,
      -2.5,
      0.13,
      null,
      NaN,
      10,
    ]);
    assert.deepEqual(await values({ op: 'round', column: 'x', digits: -1, mode: 'floor' }), [
      0,
      -10,
      0,
      null,
      NaN,
      10,
    ]);
    assert.deepEqual(await values({ op: 'round', column: 'x', digits: 0, mode: 'ceil' }), [
      3,
      -2,
      1,
      null,
      NaN,
      10,
    ]);
  });

  it('clips to values, fitted quantiles and IQR fences; NULL and NaN stay', async () => {
    assert.deepEqual(await values({ op: 'clip', column: 'x', method: 'values', lower: 0, upper: 5 }), [
      2.5,
      0,
      0.125,
      null,
      NaN,
      5,
    ]);
    const quantile = await runStep(await memoryDb(TABLE), {
      op: 'clip',
      column: 'x',
      method: 'quantile',
      lower: 0.25,
      upper: 0.75,
    });
    assert.deepEqual(quantile.stats, { lower: -0.53125, upper: 4.375 });
    assert.deepEqual(
      quantile.rows.map((r) => r.x),
      [2.5, -0.53125, 0.125, null, NaN, 4.375],
    );
    const iqr = await runStep(await memoryDb(TABLE), { op: 'clip', column: 'x', method: 'iqr', upper: 0 });
    assert.deepEqual(iqr.stats, { lower: -7.890625, upper: 4.375 });
  });

  it('scales by fitted min and max, or mean and sample std', async () => {
    assert.deepEqual(await values({ op: 'scale', column: 'x', method: 'minmax' }), [
      0.4,
      0,
      0.21,
      null,
      NaN,
      1,
    ]);
    const z = await runStep(await memoryDb(TABLE), { op: 'scale', column: 'x', method: 'zscore' });
    assert.equal(z.stats.mean, 2.53125);
    assert.ok(Math.abs((z.stats.std as number) - 5.38166) < 1e-4);
  });

  it('bins by width, quantile and edges as pd.cut(labels=False, include_lowest=True)', async () => {
    const width = await runStep(await memoryDb(TABLE), {
      op: 'bin',
      column: 'x',
      method: 'width',
      bins: 2,
      name: 'b',
    });
    assert.deepEqual(width.stats, { edges: [-2.5, 3.75, 10] });
    assert.deepEqual(
      width.rows.map((r) => r.b),
      [0, 0, 0, null, null, 1],
    );
    assert.deepEqual(
      width.columns.map((c) => c.name),
      ['id', 'x', 'b', 'cat'],
    );
    assert.deepEqual(
      await values({ op: 'bin', column: 'x', method: 'edges', edges: [0, 1, 5], name: 'b' }, 'b'),
      [1, null, 0, null, null, null],
    );
    assert.deepEqual(await values({ op: 'bin', column: 'x', method: 'quantile', bins: 2, name: 'b' }, 'b'), [
      1,
      0,
      0,
      null,
      null,
      1,
    ]);
  });

  it('one-hot encodes fitted, sorted categories in place of the column; NULL is all zeros', async () => {
    const run = await runStep(await memoryDb(TABLE), { op: 'one_hot', column: 'cat' });
    assert.deepEqual(run.stats, { categories: ['a', 'b', 'c'] });
    assert.deepEqual(
      run.columns.map((c) => c.name),
      ['id', 'x', 'cat_a', 'cat_b', 'cat_c'],
    );
    assert.deepEqual(run.rows[2], { id: 3, x: 0.125, cat_a: 0, cat_b: 0, cat_c: 0 });
    assert.deepEqual(run.rows[0], { id: 1, x: 2.5, cat_a: 0, cat_b: 1, cat_c: 0 });
  });

  it('refuses text for numbers, wrong bounds, decreasing edges and taken names', async () => {
    const db = await memoryDb(TABLE);
    assert.match(
      (await runStep(db, { op: 'round', column: 'cat', digits: 0, mode: 'round' })).issues[0].message,
      /"cat" is VARCHAR/,
    );
    assert.equal(
      (await runStep(db, { op: 'clip', column: 'x', method: 'values', lower: 5, upper: 1 })).issues[0].field,
      'upper',
    );
    assert.equal(
      (await runStep(db, { op: 'clip', column: 'x', method: 'quantile', lower: 2 })).issues[0].field,
      'lower',
    );
    assert.equal(
      (await runStep(db, { op: 'bin', column: 'x', method: 'edges', edges: [2, 1], name: 'b' })).issues[0]
        .field,
      'edges',
    );
    assert.equal(
      (await runStep(db, { op: 'bin', column: 'x', method: 'width', name: 'b' })).issues[0].field,
      'bins',
    );
    assert.equal(
      (await runStep(db, { op: 'bin', column: 'x', method: 'width', bins: 2, name: 'ID' })).issues[0].field,
      'name',
    );
    assert.match((await runStep(db, { op: 'one_hot', column: 'x' })).issues[0].message, /text column/);
    const clash = await memoryDb(`CREATE TABLE t AS SELECT 'a' AS cat, 1 AS cat_a`);
    await assert.rejects(
      runStep(clash, { op: 'one_hot', column: 'cat' }),
      /"cat_a": A column named "cat_a" already exists/,
    );
  });

  it('gives the same rows in pandas, on the table and on an empty one', { skip: pandasSkip }, async () => {
    const steps: Step[] = [
      { op: 'round', column: 'x', digits: 0, mode: 'round' },
      { op: 'round', column: 'x', digits: 1, mode: 'round' },
      { op: 'round', column: 'x', digits: -1, mode: 'ceil' },
      { op: 'round', column: 'id', digits: -1, mode: 'round' },
      { op: 'clip', column: 'x', method: 'values', lower: 0 },
      { op: 'clip', column: 'x', method: 'quantile', lower: 0.1, upper: 0.9 },
      { op: 'clip', column: 'x', method: 'iqr', lower: 0.5, upper: 0.5 },
      { op: 'scale', column: 'x', method: 'minmax' },
      { op: 'scale', column: 'x', method: 'zscore' },
      { op: 'bin', column: 'x', method: 'width', bins: 3, name: 'b' },
      { op: 'bin', column: 'x', method: 'quantile', bins: 4, name: 'b' },
      { op: 'bin', column: 'x', method: 'edges', edges: [-1, 0, 2.5, 3], name: 'b' },
      { op: 'one_hot', column: 'cat' },
      { op: 'one_hot', column: 'id', prefix: 'n' },
    ];
    for (const table of [TABLE, EMPTY]) {
      const db = await memoryDb(table);
      for (const step of steps) {
        const run = await runStep(db, step);
        const found = difference(run, await runPandas(db, run.pandas));
        assert.equal(found, null, `${step.op}: ${found}\n${run.pandas.join('\n')}`);
      }
    }
  });
});
