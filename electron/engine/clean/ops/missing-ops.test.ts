/**
 * drop_missing, fill_missing (constant, fitted mean/median/mode, ffill/bfill in order and
 * by group) and drop_duplicates (first, last, none, by an order) on a table with NULL, NaN
 * and non-ASCII text, hand-checked in DuckDB and required of the pandas code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { groupA } from './group-a';
import { OpHarness, expectStep } from './op-harness';

const READINGS = `CREATE TABLE t AS SELECT * FROM (VALUES
  (1, 'ä', 1.0, 10),
  (2, 'ä', NULL, NULL),
  (3, NULL, 'NaN'::DOUBLE, 30),
  (4, 'b', 4.0, NULL),
  (5, 'b', NULL, 10)
) v(id, g, x, n)`;

const COLUMNS = ['id', 'g', 'x', 'n'];

describe('missing values', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(READINGS, groupA);
  });
  after(() => h.close());

  test('drop_missing counts NaN as missing, over all columns or the listed ones', async (t) => {
    const all = await expectStep(t, h, { op: 'drop_missing' }, { columns: COLUMNS, rows: [[1, 'ä', 1, 10]] });
    assert.deepEqual(all.sourceRows, [0]);
    await expectStep(
      t,
      h,
      { op: 'drop_missing', columns: ['x'] },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [4, 'b', 4, null],
        ],
      },
    );
  });

  test('fill_missing with a constant fills NULL and NaN', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'x', strategy: 'constant', value: -1 },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', -1, null],
          [3, null, -1, 30],
          [4, 'b', 4, null],
          [5, 'b', -1, 10],
        ],
      },
    );
    await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'g', strategy: 'constant', value: 'ø' },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', null, null],
          [3, 'ø', Number.NaN, 30],
          [4, 'b', 4, null],
          [5, 'b', null, 10],
        ],
      },
    );
  });

  test('fill_missing with the fitted mean, median and mode', async (t) => {
    const mean = await h.run({ op: 'fill_missing', column: 'n', strategy: 'mean' });
    assert.deepEqual(mean.stats, { value: 50 / 3 });
    await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'x', strategy: 'median' },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', 2.5, null],
          [3, null, 2.5, 30],
          [4, 'b', 4, null],
          [5, 'b', 2.5, 10],
        ],
      },
    );
    const mode = await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'n', strategy: 'mode' },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', null, 10],
          [3, null, Number.NaN, 30],
          [4, 'b', 4, 10],
          [5, 'b', null, 10],
        ],
      },
    );
    assert.deepEqual(mode.stats, { value: '10' });
  });

  test('ffill and bfill follow the row order, within groups when asked', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'x', strategy: 'ffill' },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', 1, null],
          [3, null, 1, 30],
          [4, 'b', 4, null],
          [5, 'b', 4, 10],
        ],
      },
    );
    await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'n', strategy: 'bfill', group_by: ['g'] },
      {
        columns: COLUMNS,
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', null, null],
          [3, null, Number.NaN, 30],
          [4, 'b', 4, 10],
          [5, 'b', null, 10],
        ],
      },
    );
  });

  test('ffill by another column keeps the rows where they were', async (t) => {
    const result = await expectStep(
      t,
      h,
      { op: 'fill_missing', column: 'x', strategy: 'ffill', order_by: 'n' },
      {
        columns: COLUMNS,
        // Order by n (NULLs last, ties by position): 1, 5, 3, 2, 4.
        rows: [
          [1, 'ä', 1, 10],
          [2, 'ä', 1, null],
          [3, null, 1, 30],
          [4, 'b', 4, null],
          [5, 'b', 1, 10],
        ],
      },
    );
    assert.deepEqual(result.sourceRows, [0, 1, 2, 3, 4]);
  });

  test('check names the field', async () => {
    assert.deepEqual(await h.issues({ op: 'fill_missing', column: 'g', strategy: 'mean' }), [
      'strategy: The mean needs numbers, and "g" is VARCHAR.',
    ]);
    assert.deepEqual(
      await h.issues({ op: 'fill_missing', column: 'n', strategy: 'constant', value: 'abc' }),
      ['value: "abc" does not fit "n" (INTEGER).'],
    );
    assert.deepEqual(await h.issues({ op: 'fill_missing', column: 'n', strategy: 'constant' }), [
      'value: Give the value to fill with.',
    ]);
    assert.deepEqual(
      await h.issues({ op: 'fill_missing', column: 'n', strategy: 'ffill', group_by: ['zz'] }),
      ['group_by: There is no column "zz".'],
    );
  });
});

describe('drop_duplicates', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(
      `CREATE TABLE t AS SELECT * FROM (VALUES
        ('ä', 1.0, 3), ('b', NULL, 1), ('ä', 1.0, 2), ('b', 'NaN'::DOUBLE, 5), (NULL, 2.0, 4), (NULL, 2.0, 0)
      ) v(k, x, o)`,
      groupA,
    );
  });
  after(() => h.close());

  test('keep first, last and none over all columns or some; NULL and NaN are equal', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'drop_duplicates', columns: ['k', 'x'], keep: 'first' },
      {
        columns: ['k', 'x', 'o'],
        rows: [
          ['ä', 1, 3],
          ['b', null, 1],
          [null, 2, 4],
        ],
      },
    );
    await expectStep(
      t,
      h,
      { op: 'drop_duplicates', columns: ['k', 'x'], keep: 'last' },
      {
        columns: ['k', 'x', 'o'],
        rows: [
          ['ä', 1, 2],
          ['b', Number.NaN, 5],
          [null, 2, 0],
        ],
      },
    );
    await expectStep(
      t,
      h,
      { op: 'drop_duplicates', columns: ['k'], keep: 'none' },
      { columns: ['k', 'x', 'o'], rows: [] },
    );
    const all = await expectStep(
      t,
      h,
      { op: 'drop_duplicates', keep: 'first' },
      {
        columns: ['k', 'x', 'o'],
        rows: [
          ['ä', 1, 3],
          ['b', null, 1],
          ['ä', 1, 2],
          ['b', Number.NaN, 5],
          [null, 2, 4],
          [null, 2, 0],
        ],
      },
    );
    assert.deepEqual(all.sourceRows, [0, 1, 2, 3, 4, 5]);
  });

  test('order_by decides which is first and last; rows keep their order', async (t) => {
    const first = await expectStep(
      t,
      h,
      { op: 'drop_duplicates', columns: ['k'], keep: 'first', order_by: 'o' },
      {
        columns: ['k', 'x', 'o'],
        rows: [
          ['b', null, 1],
          ['ä', 1, 2],
          [null, 2, 0],
        ],
      },
    );
    assert.deepEqual(first.sourceRows, [1, 2, 5]);
    await expectStep(
      t,
      h,
      { op: 'drop_duplicates', columns: ['k'], keep: 'last', order_by: 'o' },
      {
        columns: ['k', 'x', 'o'],
        rows: [
          ['ä', 1, 3],
          ['b', Number.NaN, 5],
          [null, 2, 4],
        ],
      },
    );
  });
});

describe('missing values on an empty table', () => {
  test('give no rows', async (t) => {
    const h = await OpHarness.open(`CREATE TABLE t (g VARCHAR, x DOUBLE)`, groupA);
    try {
      await expectStep(t, h, { op: 'drop_missing' }, { columns: ['g', 'x'], rows: [] });
      await expectStep(
        t,
        h,
        { op: 'fill_missing', column: 'x', strategy: 'mean' },
        { columns: ['g', 'x'], rows: [] },
      );
      await expectStep(
        t,
        h,
        { op: 'fill_missing', column: 'x', strategy: 'ffill', group_by: ['g'] },
        {
          columns: ['g', 'x'],
          rows: [],
        },
      );
      await expectStep(
        t,
        h,
        { op: 'drop_duplicates', keep: 'last', order_by: 'x' },
        { columns: ['g', 'x'], rows: [] },
      );
    } finally {
      h.close();
    }
  });
});
