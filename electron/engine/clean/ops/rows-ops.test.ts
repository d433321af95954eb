/**
 * Filter and sort on a table with NULL, NaN and non-ASCII text: SQL's three-valued logic
 * (NULL rows drop out of a filter, also under NOT) and a stable sort with missing values
 * last, hand-checked in DuckDB and required of the pandas code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { groupA } from './group-a';
import { OpHarness, expectStep } from './op-harness';

const CITIES = `CREATE TABLE t AS SELECT * FROM (VALUES
  (1, 'Zürich', 10.5),
  (2, NULL, 3.0),
  (3, 'Ōsaka', NULL),
  (4, 'Berlin', 'NaN'::DOUBLE),
  (5, 'Zürich', 3.0)
) v(id, city, temp)`;

describe('filter', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(CITIES, groupA);
  });
  after(() => h.close());

  const ids = async (t: Parameters<typeof expectStep>[0], expression: string, rows: number[]) =>
    expectStep(
      t,
      h,
      { op: 'filter', expression },
      { columns: ['id', 'city', 'temp'], rows: await pick(rows) },
    );
  const pick = async (keep: number[]) =>
    (await h.table()).rows.filter((row) => keep.includes(row[0] as number));

  test('a comparison drops rows where it is NULL, and so does its negation', async (t) => {
    await ids(t, 'temp > 3', [1]);
    await ids(t, 'NOT (temp > 3)', [2, 5]);
    await ids(t, "city <> 'Zürich'", [3, 4]);
  });

  test('AND, OR, IS NULL, arithmetic and a quoted column name', async (t) => {
    await ids(t, `"city" IS NULL OR (temp * 2 - 1 >= 5 AND id < 5)`, [1, 2]);
    await ids(t, 'city IS NOT NULL AND temp / 2 < 2', [5]);
  });

  test('IN and LIKE with % at the ends, and their negations', async (t) => {
    await ids(t, "city IN ('Zürich', 'Ōsaka')", [1, 3, 5]);
    await ids(t, "city NOT IN ('Zürich')", [3, 4]);
    await ids(t, "city LIKE 'Z%'", [1, 5]);
    await ids(t, "city LIKE '%lin'", [4]);
    await ids(t, "city NOT LIKE '%ür%'", [3, 4]);
  });

  test('keeps the row key of the rows it keeps', async () => {
    const result = await h.run({ op: 'filter', expression: 'id >= 4' });
    assert.deepEqual(result.sourceRows, [3, 4]);
  });

  test('an expression outside the subset becomes a NotImplementedError line naming the step', () => {
    const lines = h
      .definition({ op: 'filter', expression: 'x' })
      .pandas({ op: 'filter', expression: "regexp_matches(city, '^Z')" } as never, {
        columns: [],
        stats: {},
      });
    assert.equal(lines.length, 1);
    assert.match(
      lines[0] ?? '',
      /^raise NotImplementedError\("filter step \\"regexp_matches\(city, '\^Z'\)\\": /,
    );
  });

  test('refuses a second statement', async () => {
    assert.deepEqual(await h.issues({ op: 'filter', expression: 'true; DROP TABLE t' }), [
      'expression: Write one expression, without ";".',
    ]);
  });
});

describe('sort', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(CITIES, groupA);
  });
  after(() => h.close());

  test('ascending puts NULL and NaN last and keeps ties in their order', async (t) => {
    const result = await expectStep(
      t,
      h,
      { op: 'sort', by: [{ column: 'temp' }] },
      {
        columns: ['id', 'city', 'temp'],
        rows: [
          [2, null, 3],
          [5, 'Zürich', 3],
          [1, 'Zürich', 10.5],
          [3, 'Ōsaka', null],
          [4, 'Berlin', Number.NaN],
        ],
      },
    );
    assert.deepEqual(result.sourceRows, [1, 4, 0, 2, 3]);
  });

  test('several keys, descending text by code point, missing last', async (t) => {
    await expectStep(
      t,
      h,
      {
        op: 'sort',
        by: [
          { column: 'city', descending: true },
          { column: 'id', descending: true },
        ],
      },
      {
        columns: ['id', 'city', 'temp'],
        rows: [
          [3, 'Ōsaka', null],
          [5, 'Zürich', 3],
          [1, 'Zürich', 10.5],
          [4, 'Berlin', Number.NaN],
          [2, null, 3],
        ],
      },
    );
  });

  test('names a missing sort column', async () => {
    assert.deepEqual(await h.issues({ op: 'sort', by: [{ column: 'nope' }] }), [
      'by: There is no column "nope".',
    ]);
  });
});

describe('filter and sort on an empty table', () => {
  test('give no rows', async (t) => {
    const h = await OpHarness.open(`CREATE TABLE t (id INTEGER, city VARCHAR)`, groupA);
    try {
      await expectStep(
        t,
        h,
        { op: 'filter', expression: "city LIKE 'a%' OR id > 1" },
        { columns: ['id', 'city'], rows: [] },
      );
      await expectStep(t, h, { op: 'sort', by: [{ column: 'city' }] }, { columns: ['id', 'city'], rows: [] });
    } finally {
      h.close();
    }
  });
});
