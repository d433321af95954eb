/**
 * target_encode and frequency_encode: hand-checked out-of-fold values on a small table
 * (NULL category, NULL target, a category in one fold only), the fitted table applied to
 * new rows (fit "reuse", unseen categories), both against pandas, and the proof that the
 * out-of-fold encoding does not leak: with a random target over many small categories it
 * is uncorrelated with the target, while the in-sample mean is strongly correlated.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Step } from '../../../../shared/clean/recipe';
import type { StepStats } from '../../clean/op-definition';
import { ORDER_BY, rowKeyOf, sourceSelect } from '../../clean/hidden-columns';
import { OpHarness, expectStep } from '../../clean/ops/op-harness';
import { pandasPython, runPandas } from '../../clean/ops/step-harness';
import { featureOps } from './feature-ops';

// Folds of 2 by position: fold 0 = rows 0, 2, 4, 6; fold 1 = rows 1, 3, 5, 7.
const LABELLED = `CREATE TABLE t AS SELECT * FROM (VALUES
  ('a', 1), ('a', 0), ('a', 1), ('b', 1), ('b', NULL), (NULL, 0), ('a', 0), ('c', 1)
) v(c, y)`;
const NEW_ROWS = `CREATE TABLE t AS SELECT * FROM (VALUES ('a', 0), ('c', 1), ('z', 1), (NULL, 0)) v(c, y)`;

const near = (a: unknown, b: number | null): boolean =>
  b === null ? a === null : typeof a === 'number' && Math.abs(a - b) < 1e-12;

/** The step over NEW_ROWS-like `createSql` with statistics fitted elsewhere (fit "reuse"). */
async function applyReused(createSql: string, step: Step, stats: StepStats): Promise<unknown[]> {
  const h = await OpHarness.open(createSql, featureOps);
  try {
    const definition = h.definition(step);
    const columns = await h.columns();
    const sql = definition.sql(step as never, {
      input: '"s0"',
      columns,
      rowKey: rowKeyOf(true),
      order: ORDER_BY,
      stats,
      reused: true,
      tableOf: () => '',
    });
    const reader = await h.connection.runAndReadAll(
      `WITH s0 AS (${sourceSelect('t', null)}) SELECT ${JSON.stringify(stepName(step))} FROM (${sql}) ORDER BY ${ORDER_BY}`,
    );
    const values = reader.getRowsJS().map((r) => r[0]);
    if (pandasPython()) {
      const lines = definition.pandas(step as never, { columns, stats, reused: true });
      const out = await runPandas(h.connection, lines);
      out.rows.forEach((row, i) =>
        assert.ok(near(row[stepName(step)] ?? null, values[i] as number | null), `pandas row ${i}`),
      );
    }
    return values;
  } finally {
    h.close();
  }
}

const stepName = (step: Step): string => (step as { name: string }).name;

describe('category encodings', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(LABELLED, featureOps);
  });
  after(() => h.close());

  test('target_encode is out of fold: the m-estimate over the other folds', async (t) => {
    // Fold 0's prior is fold 1's mean (0 + 1 + 0 + 1) / 4 = 0.5; fold 1's is (1 + 1 + 0) / 3.
    // Row 0 (a, fold 0): a in fold 1 is row 1 alone (0): (0 + 1 × 0.5) / (1 + 1) = 0.25.
    // Row 1 (a, fold 1): a in fold 0 sums 2 over 3 rows: (2 + 2/3) / 4 = 2/3.
    // Row 3 (b, fold 1): b's fold-0 row has no target: the prior, 2/3.
    // Row 4 (b, fold 0): b in fold 1 is row 3 (1): (1 + 0.5) / 2 = 0.75. Row 5 has no category.
    const step: Step = { op: 'target_encode', column: 'c', target: 'y', folds: 2, smoothing: 1, name: 'e' };
    const result = await expectStep(t, h, step, {
      columns: ['c', 'y', 'e'],
      rows: [
        ['a', 1, 0.25],
        ['a', 0, 2 / 3],
        ['a', 1, 0.25],
        ['b', 1, 2 / 3],
        ['b', null, 0.75],
        [null, 0, 2 / 3],
        ['a', 0, 0.25],
        ['c', 1, 2 / 3],
      ],
    });
    // Fitted on all rows for reuse: prior 4/7; a: (2 + 4/7) / 5; b and c: (1 + 4/7) / 2.
    assert.deepEqual(result.stats.categories, ['a', 'b', 'c']);
    assert.ok(near(result.stats.prior, 4 / 7));
    (result.stats.values as number[]).forEach((v, i) => assert.ok(near(v, [18 / 35, 11 / 14, 11 / 14][i]!)));
    // On new rows the fitted table applies; an unseen or missing category gets the prior.
    const reused = await applyReused(NEW_ROWS, step, result.stats);
    [18 / 35, 11 / 14, 4 / 7, 4 / 7].forEach((want, i) => assert.ok(near(reused[i], want), `row ${i}`));
  });

  test('target_encode does not leak: a random target over small categories stays uncorrelated', async () => {
    // 3,000 rows in 1,000 categories of 3, the target a coin from a hash of the row.
    const random = await OpHarness.open(
      `CREATE TABLE t AS SELECT 'c' || (i % 1000) AS c, CAST(hash(i * 7919) % 2 AS INTEGER) AS y FROM range(3000) r(i)`,
      featureOps,
    );
    try {
      const step: Step = { op: 'target_encode', column: 'c', target: 'y', smoothing: 1, name: 'e' };
      const outOfFold = await random.run(step);
      const y = outOfFold.rows.map((r) => r[1] as number);
      const oof = correlation(
        outOfFold.rows.map((r) => r[2] as number),
        y,
      );
      // The same fitted means applied to the rows they were fitted on: the naive encoding.
      const naive = correlation((await applyReused(randomTable(), step, outOfFold.stats)) as number[], y);
      assert.ok(Math.abs(oof) < 0.06, `out-of-fold correlation ${oof}`);
      assert.ok(naive > 0.4, `in-sample correlation ${naive}`);
    } finally {
      random.close();
    }
  });

  test('frequency_encode counts rows per category, or their share; unseen is 0', async (t) => {
    const counts = await expectStep(
      t,
      h,
      { op: 'frequency_encode', column: 'c', name: 'f' },
      {
        columns: ['c', 'y', 'f'],
        rows: [
          ['a', 1, 4],
          ['a', 0, 4],
          ['a', 1, 4],
          ['b', 1, 2],
          ['b', null, 2],
          [null, 0, null],
          ['a', 0, 4],
          ['c', 1, 1],
        ],
      },
    );
    const share = await h.run({ op: 'frequency_encode', column: 'c', normalize: true, name: 'f' });
    assert.deepEqual(share.stats, { categories: ['a', 'b', 'c'], values: [4 / 7, 2 / 7, 1 / 7] });
    const reused = await applyReused(
      NEW_ROWS,
      { op: 'frequency_encode', column: 'c', name: 'f' },
      counts.stats,
    );
    assert.deepEqual(reused, [4, 1, 0, null]);
  });

  test('whole numbers are categories read as text; other types are refused', async (t) => {
    const ints = await OpHarness.open(
      `CREATE TABLE t AS SELECT * FROM (VALUES (1, 2.0::DOUBLE), (1, 4.0), (NULL, 1.0), (20, 3.0)) v(k, x)`,
      featureOps,
    );
    try {
      const result = await expectStep(
        t,
        ints,
        { op: 'frequency_encode', column: 'k', name: 'f' },
        {
          columns: ['k', 'x', 'f'],
          rows: [
            [1, 2, 2],
            [1, 4, 2],
            [null, 1, null],
            [20, 3, 1],
          ],
        },
      );
      assert.deepEqual(result.stats.categories, ['1', '20']);
      assert.match(
        (await ints.issues({ op: 'frequency_encode', column: 'x', name: 'f' }))[0]!,
        /^column: "x" is DOUBLE; encode a text or whole-number column/,
      );
    } finally {
      ints.close();
    }
    assert.match(
      (await h.issues({ op: 'target_encode', column: 'c', target: 'c', name: 'e' })).join(' '),
      /target: "c" is VARCHAR; the target must be a number/,
    );
  });
});

function randomTable(): string {
  return `CREATE TABLE t AS SELECT 'c' || (i % 1000) AS c, CAST(hash(i * 7919) % 2 AS INTEGER) AS y FROM range(3000) r(i)`;
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [sab, saa, sbb] = [0, 0, 0];
  a.forEach((x, i) => {
    const [da, db] = [x - ma, b[i]! - mb];
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  });
  return sab / Math.sqrt(saa * sbb);
}
