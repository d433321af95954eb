/**
 * lag, diff, rolling and expanding on events of several entities out of time order, with
 * a NULL value, a tie in time, a gap, a row without a time and a NULL entity: hand-checked
 * in DuckDB and required of the pandas code. No value may come from a later row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Step } from '../../../../shared/clean/recipe';
import { OpHarness, expectStep } from '../../clean/ops/op-harness';
import { featureOps } from './feature-ops';

// Within "u" in time order: row 1 (01-01, 1), row 3 (01-02, NULL), row 0 (01-03, 3),
// row 4 (01-03, 5: a tie with row 0, later in the recipe's order), row 6 (no time).
// Within "w": row 2 (01-01, 10), row 5 (01-09, 20: after a gap). Row 7 has no entity.
const EVENTS = `CREATE TABLE t AS SELECT * FROM (VALUES
  ('u', DATE '2024-01-03', 3.0::DOUBLE),
  ('u', DATE '2024-01-01', 1.0),
  ('w', DATE '2024-01-01', 10.0),
  ('u', DATE '2024-01-02', NULL),
  ('u', DATE '2024-01-03', 5.0),
  ('w', DATE '2024-01-09', 20.0),
  ('u', NULL, 7.0),
  (NULL, DATE '2024-01-02', 100.0)
) v(g, t, v)`;

const BASE: unknown[][] = [
  ['u', '2024-01-03', 3],
  ['u', '2024-01-01', 1],
  ['w', '2024-01-01', 10],
  ['u', '2024-01-02', null],
  ['u', '2024-01-03', 5],
  ['w', '2024-01-09', 20],
  ['u', null, 7],
  [null, '2024-01-02', 100],
];

function withColumn(values: unknown[]): { columns: string[]; rows: unknown[][] } {
  return { columns: ['g', 't', 'v', 'f'], rows: BASE.map((row, i) => [...row, values[i]]) };
}

describe('ordered feature operations', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(EVENTS, featureOps);
  });
  after(() => h.close());

  test('lag takes the value n rows earlier within the entity, in time order', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'lag', column: 'v', by: ['g'], order_by: 't', name: 'f' },
      withColumn([null, null, null, 1, 3, 10, null, null]),
    );
    await expectStep(
      t,
      h,
      { op: 'lag', column: 'v', by: ['g'], order_by: 't', n: 2, name: 'f' },
      withColumn([1, null, null, null, null, null, null, null]),
    );
    // Without order_by, the recipe's current row order; text lags as well.
    await expectStep(
      t,
      h,
      { op: 'lag', column: 'g', name: 'f' },
      withColumn([null, 'u', 'u', 'w', 'u', 'u', 'w', 'u']),
    );
  });

  test('diff subtracts the value n rows earlier; a missing side gives NULL', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'diff', column: 'v', by: ['g'], order_by: 't', name: 'f' },
      withColumn([null, null, null, null, 2, 10, null, null]),
    );
    await expectStep(
      t,
      h,
      { op: 'diff', column: 'v', by: ['g'], order_by: 't', n: 2, name: 'f' },
      withColumn([2, null, null, null, null, null, null, null]),
    );
  });

  test('rolling over N rows includes the current row and N − 1 earlier ones', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'rolling', column: 'v', by: ['g'], order_by: 't', window: 2, fn: 'sum', name: 'f' },
      withColumn([3, 1, 10, 1, 8, 30, null, 100]),
    );
    await expectStep(
      t,
      h,
      { op: 'rolling', column: 'v', by: ['g'], order_by: 't', window: 3, fn: 'count', name: 'f' },
      withColumn([2, 1, 1, 1, 2, 2, null, 1]),
    );
    const std = await h.run({
      op: 'rolling',
      column: 'v',
      by: ['g'],
      order_by: 't',
      window: 3,
      fn: 'std',
      name: 'f',
    });
    const near = (x: unknown, y: number | null) =>
      y === null ? x === null : Math.abs((x as number) - y) < 1e-12;
    const want = [Math.SQRT2, null, null, null, Math.SQRT2, Math.sqrt(50), null, null];
    std.rows.forEach((row, i) => assert.ok(near(row[3], want[i]!), `row ${i}: ${String(row[3])}`));
  });

  test('rolling over "2 days" takes (t − 2 days, t]; rows at one instant share a value', async (t) => {
    // Row 0 (01-03) sees rows 3, 0 and its tie 4, not row 1 two days before: mean(3, 5).
    await expectStep(
      t,
      h,
      { op: 'rolling', column: 'v', by: ['g'], order_by: 't', window: '2 days', fn: 'mean', name: 'f' },
      withColumn([4, 1, 10, 1, 4, 20, null, 100]),
    );
    await expectStep(
      t,
      h,
      { op: 'rolling', column: 'v', order_by: 't', window: '1 day', fn: 'max', name: 'f' },
      withColumn([5, 10, 10, 100, 5, 20, null, 100]),
    );
  });

  test('expanding aggregates every row so far, ties in the recipe order', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'expanding', column: 'v', by: ['g'], order_by: 't', fn: 'max', name: 'f' },
      withColumn([3, 1, 10, 1, 5, 20, null, 100]),
    );
    // Over all rows in time: 1 (row 1), 10 (2), NULL (3), 100 (7), 3 (0), 5 (4), 20 (5).
    await expectStep(
      t,
      h,
      { op: 'expanding', column: 'v', order_by: 't', fn: 'count', name: 'f' },
      withColumn([4, 1, 2, 2, 5, 6, null, 3]),
    );
  });

  test('no feature changes when a later row changes', async () => {
    const steps: Step[] = [
      { op: 'lag', column: 'v', by: ['g'], order_by: 't', name: 'f' },
      { op: 'rolling', column: 'v', by: ['g'], order_by: 't', window: 3, fn: 'mean', name: 'f' },
      { op: 'expanding', column: 'v', by: ['g'], order_by: 't', fn: 'sum', name: 'f' },
    ];
    const later = await OpHarness.open(
      `${EVENTS.replace("('w', DATE '2024-01-09', 20.0)", "('w', DATE '2024-01-09', 999.0)")}`,
      featureOps,
    );
    try {
      for (const step of steps) {
        const [a, b] = [await h.run(step), await later.run(step)];
        // Only row 5 (the last of "w") changed; every other row's feature is the same.
        a.rows.forEach((row, i) => i !== 5 && assert.deepEqual(row, b.rows[i], `${step.op} row ${i}`));
      }
    } finally {
      later.close();
    }
  });

  test('refuses a time window without a time column, and missing columns', async () => {
    assert.deepEqual(await h.issues({ op: 'rolling', column: 'v', window: '7 days', fn: 'sum', name: 'f' }), [
      'order_by: A window of "7 days" needs order_by, a date or time column.',
    ]);
    assert.match(
      (
        await h.issues({ op: 'rolling', column: 'v', order_by: 'v', window: '7 days', fn: 'sum', name: 'f' })
      )[0]!,
      /^order_by: "v" is DOUBLE; this step needs a date or timestamp column/,
    );
    assert.match(
      (await h.issues({ op: 'lag', column: 'v', by: ['nope'], name: 'f' }))[0]!,
      /^by: There is no column "nope"/,
    );
    assert.match((await h.issues({ op: 'diff', column: 'g', name: 'f' }))[0]!, /^column: "g" is VARCHAR/);
  });
});
