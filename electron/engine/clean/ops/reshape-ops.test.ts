/** group_by, join, formula and sql: hand-checked results with NULL, NaN, Unicode and empty tables, and pandas equality. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Step } from '../../../../shared/clean/recipe';
import { difference, memoryDb, pandasPython, runPandas, runStep } from './step-harness';

const TABLE = `CREATE TABLE t AS SELECT * FROM (VALUES
  ('b', 1, 2.0::DOUBLE, 'x'), ('a', 2, NULL, 'y'), ('b', NULL, 4.0, 'z'), (NULL, 4, 'NaN'::DOUBLE, 'ü'), ('a', 5, 1.0, NULL)
) v(k, n, x, s)`;
const OTHER = `CREATE TABLE other AS SELECT * FROM (VALUES ('a', 'Alpha', 10), ('b', 'Beta', 20), ('c', 'Gamma', 30), (NULL, 'None', 0)) v(k, label, s)`;
const pandasSkip = pandasPython() ? false : 'python3 with pandas is not installed';

describe('reshaping and SQL steps', () => {
  it('groups by keys, sorted with NULL last, aggregations skipping NULL and NaN', async () => {
    const run = await runStep(await memoryDb(TABLE), {
      op: 'group_by',
      keys: ['k'],
      aggregations: [
        { column: 'n', fn: 'sum', name: 'total' },
        { column: 'x', fn: 'mean', name: 'avg_x' },
        { column: 's', fn: 'first', name: 'first_s' },
        { column: 'x', fn: 'count', name: 'nx' },
      ],
    });
    assert.deepEqual(run.rows, [
      { k: 'a', total: 7, avg_x: 1, first_s: 'y', nx: 1 },
      { k: 'b', total: 1, avg_x: 3, first_s: 'x', nx: 2 },
      { k: null, total: 4, avg_x: null, first_s: 'ü', nx: 0 },
    ]);
  });

  it('joins another dataset on a key; shared names get _x and _y; NULL keys never match', async () => {
    const run = await runStep(await memoryDb(TABLE, OTHER), {
      op: 'join',
      dataset: 'other',
      on: ['k'],
      how: 'left',
    });
    assert.deepEqual(
      run.columns.map((c) => c.name),
      ['k', 'n', 'x', 's_x', 'label', 's_y'],
    );
    assert.deepEqual(
      run.rows.map((r) => [r.k, r.n, r.label]),
      [
        ['a', 2, 'Alpha'],
        ['a', 5, 'Alpha'],
        ['b', 1, 'Beta'],
        ['b', null, 'Beta'],
        [null, 4, null],
      ],
    );
    const full = await runStep(await memoryDb(TABLE, OTHER), {
      op: 'join',
      dataset: 'other',
      on: { left: 'k', right: 'label' },
      how: 'inner',
    });
    assert.equal(full.rows.length, 0);
  });

  it('refuses a join key of another kind with a sentence', async () => {
    const db = await memoryDb(TABLE, OTHER);
    await assert.rejects(
      runStep(db, { op: 'join', dataset: 'other', on: { left: 'n', right: 'label' }, how: 'inner' }),
      /"n" is INTEGER here but "label" is VARCHAR in "other"/,
    );
    assert.equal(
      (await runStep(db, { op: 'join', dataset: 'other', on: ['nope'], how: 'inner' })).issues[0].field,
      'on',
    );
  });

  it('adds a formula column last and checks the expression', async () => {
    const db = await memoryDb(TABLE);
    const run = await runStep(db, { op: 'formula', name: 'y', expression: 'n * 2 + x' });
    assert.deepEqual(
      run.rows.map((r) => r.y),
      [4, null, null, NaN, 11],
    );
    assert.deepEqual(run.pandas, ['df["y"] = df["n"] * 2 + df["x"]']);
    const bad = (expression: string) =>
      runStep(db, { op: 'formula', name: 'y', expression }).then((r) => r.issues[0]?.message);
    assert.match((await bad('(n + 1')) ?? '', /never closed/);
    assert.match((await bad('n; DROP TABLE t')) ?? '', /one expression/);
    assert.match((await bad('"nope" + 1')) ?? '', /no column "nope"/);
    assert.match((await bad('SELECT 1')) ?? '', /not a statement/);
    const upper = await runStep(db, { op: 'formula', name: 'u', expression: "upper(s) || '!'" });
    assert.match(upper.pandas.at(-1) ?? '', /^raise NotImplementedError\(.*Formula step \\"u\\"/);
  });

  it('runs a custom query over input, its own WITH kept; pandas refuses it by name', async () => {
    const db = await memoryDb(TABLE);
    const run = await runStep(db, {
      op: 'sql',
      query:
        'WITH c AS (SELECT k, count(*) AS m FROM input GROUP BY k) SELECT * FROM c ORDER BY k NULLS LAST;',
    });
    assert.deepEqual(run.rows, [
      { k: 'a', m: 2 },
      { k: 'b', m: 2 },
      { k: null, m: 1 },
    ]);
    assert.match(run.pandas.at(-1) ?? '', /^raise NotImplementedError\(.*custom SQL step/);
    assert.match(
      (await runStep(db, { op: 'sql', query: 'DELETE FROM input' })).issues[0].message,
      /SELECT, WITH or FROM/,
    );
    assert.match(
      (await runStep(db, { op: 'sql', query: 'SELECT 1' })).issues[0].message,
      /does not read input/,
    );
  });

  it('gives the same rows in pandas, on the table and on empty ones', { skip: pandasSkip }, async () => {
    const steps: Step[] = [
      {
        op: 'group_by',
        keys: ['k'],
        aggregations: (
          ['count', 'sum', 'mean', 'median', 'min', 'max', 'std', 'nunique', 'first', 'last'] as const
        ).map((fn) => ({ column: 'x', fn, name: fn })),
      },
      {
        op: 'group_by',
        keys: ['k', 's'],
        aggregations: [
          { column: 'n', fn: 'max', name: 'm' },
          { column: 's', fn: 'last', name: 'l' },
        ],
      },
      ...(['inner', 'left', 'right', 'full'] as const).map((how): Step => ({
        op: 'join',
        dataset: 'other',
        on: ['k'],
        how,
      })),
      { op: 'join', dataset: 'other', on: { left: 's', right: 'label' }, how: 'full' },
      { op: 'formula', name: 'y', expression: '(n - 1) / 2 * x' },
    ];
    const empty = `CREATE TABLE t (k VARCHAR, n INTEGER, x DOUBLE, s VARCHAR)`;
    for (const table of [TABLE, empty]) {
      const db = await memoryDb(table, OTHER);
      for (const step of steps) {
        const run = await runStep(db, step);
        const found = difference(run, await runPandas(db, run.pandas, ['other']));
        assert.equal(found, null, `${step.op}: ${found}\n${run.pandas.join('\n')}`);
      }
    }
  });
});
