/**
 * arithmetic, ratio, log, sqrt, power, cyclical and interaction on a small table with
 * zero, negatives, NULL and NaN, hand-checked in DuckDB (NULL where a result is not a
 * finite real number) and required of the pandas code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Step } from '../../../../shared/clean/recipe';
import { OpHarness, expectStep, pandasAvailable, sameTable } from '../../clean/ops/op-harness';
import { featureOps } from './feature-ops';

const NUMBERS = `CREATE TABLE t AS SELECT * FROM (VALUES
  (4.0::DOUBLE, 2, 'a', 1),
  (-8.0, 0, 'b', 2),
  (0.0, 4, NULL, 3),
  (NULL, 5, 'a', NULL),
  (2.25, 3, 'ä', 1)
) v(x, y, cat, k)`;

const COLUMNS = ['x', 'y', 'cat', 'k'];
const BASE: unknown[][] = [
  [4, 2, 'a', 1],
  [-8, 0, 'b', 2],
  [0, 4, null, 3],
  [null, 5, 'a', null],
  [2.25, 3, 'ä', 1],
];

/** The table with `added` appended to each row, as a feature step gives it. */
function withColumns(names: string[], added: unknown[][]): { columns: string[]; rows: unknown[][] } {
  return { columns: [...COLUMNS, ...names], rows: BASE.map((row, i) => [...row, ...added[i]!]) };
}

const one = (values: unknown[]): unknown[][] => values.map((v) => [v]);

describe('math feature operations', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(NUMBERS, featureOps);
  });
  after(() => h.close());

  test('ratio and division give NULL for a zero divisor', async (t) => {
    const expected = withColumns(['r'], one([2, null, 0, null, 0.75]));
    await expectStep(t, h, { op: 'ratio', a: 'x', b: 'y', name: 'r' }, expected);
    await expectStep(t, h, { op: 'arithmetic', a: 'x', operator: 'divide', b: 'y', name: 'r' }, expected);
  });

  test('add, subtract and multiply read both columns as DOUBLE', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'arithmetic', a: 'x', operator: 'subtract', b: 'y', name: 'd' },
      withColumns(['d'], one([2, -8, -4, null, -0.75])),
    );
    await expectStep(
      t,
      h,
      { op: 'arithmetic', a: 'y', operator: 'add', b: 'k', name: 's' },
      withColumns(['s'], one([3, 2, 7, null, 4])),
    );
  });

  test('log is NULL for 0 or less; plus_one shifts first', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'log', column: 'x', base: '10', name: 'l' },
      withColumns(['l'], one([Math.log10(4), null, null, null, Math.log10(2.25)])),
    );
    await expectStep(
      t,
      h,
      { op: 'log', column: 'x', base: '2', plus_one: true, name: 'l' },
      withColumns(['l'], one([Math.log2(5), null, 0, null, Math.log2(3.25)])),
    );
  });

  test('sqrt and power are NULL where no finite real number exists', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'sqrt', column: 'x', name: 'r' },
      withColumns(['r'], one([2, null, 0, null, 1.5])),
    );
    await expectStep(
      t,
      h,
      { op: 'power', column: 'x', exponent: 0.5, name: 'p' },
      withColumns(['p'], one([2, null, 0, null, 1.5])),
    );
    await expectStep(
      t,
      h,
      { op: 'power', column: 'x', exponent: -1, name: 'p' },
      withColumns(['p'], one([0.25, -0.125, null, null, 1 / 2.25])),
    );
    await expectStep(
      t,
      h,
      { op: 'power', column: 'x', exponent: 3, name: 'p' },
      withColumns(['p'], one([64, -512, 0, null, 11.390625])),
    );
  });

  test('cyclical puts a period on the unit circle as name_sin and name_cos', async (t) => {
    const step: Step = { op: 'cyclical', column: 'k', period: 4, name: 'c' };
    const result = await h.run(step);
    assert.deepEqual(result.columns, [...COLUMNS, 'c_sin', 'c_cos']);
    const expected = [[1, 0], [0, -1], [-1, 0], null, [1, 0]];
    result.rows.forEach((row, i) => {
      const want = expected[i];
      if (want === null || want === undefined) return assert.deepEqual(row.slice(4), [null, null]);
      for (const j of [0, 1]) assert.ok(Math.abs((row[4 + j] as number) - want[j]!) < 1e-12, `row ${i}`);
    });
    if (pandasAvailable()) assert.ok(sameTable(result, await h.pandas(step, result.stats)));
    else t.skip('python3-pandas is not installed');
  });

  test('interaction multiplies numbers and crosses text with whole numbers', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'interaction', a: 'x', b: 'k', name: 'i' },
      withColumns(['i'], one([4, -16, 0, null, 2.25])),
    );
    await expectStep(
      t,
      h,
      { op: 'interaction', a: 'cat', b: 'k', name: 'i' },
      withColumns(['i'], one(['a|1', 'b|2', null, null, 'ä|1'])),
    );
  });

  test('refuses text for numbers, a mix it cannot interact, and taken names', async () => {
    assert.match(
      (await h.issues({ op: 'log', column: 'cat', base: 'e', name: 'l' }))[0]!,
      /^column: "cat" is VARCHAR/,
    );
    assert.match(
      (await h.issues({ op: 'interaction', a: 'cat', b: 'x', name: 'i' }))[0]!,
      /^b: "cat" \(VARCHAR\) and "x" \(DOUBLE\) cannot interact/,
    );
    assert.match(
      (await h.issues({ op: 'ratio', a: 'x', b: 'nope', name: 'r' }))[0]!,
      /^b: There is no column "nope"/,
    );
    assert.deepEqual(await h.issues({ op: 'cyclical', column: 'k', period: 7, name: 'X' }), []);
    assert.match(
      (await h.issues({ op: 'sqrt', column: 'x', name: 'Y' }))[0]!,
      /^name: A column named "y" already exists/,
    );
  });
});
