/** parse_date and date_part on text, naive and zoned timestamps, NULLs and an empty table, against pandas. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { difference, memoryDb, pandasPython, runPandas, runStep } from './step-harness';

const us = (iso: string) => Date.parse(iso) * 1000;
const TABLE = `CREATE TABLE t AS SELECT * FROM (VALUES
  (1, '2024-01-05 10:30', TIMESTAMP '2024-01-07 23:59:59', TIMESTAMPTZ '2024-03-10 23:30:00+00'),
  (2, 'not a date', TIMESTAMP '2023-12-31 00:00:00', TIMESTAMPTZ '2024-03-11 01:30:00+05'),
  (3, NULL, NULL, NULL),
  (4, '1999-12-31 00:05', TIMESTAMP '2021-01-03 12:00:00', TIMESTAMPTZ '2021-01-01 00:00:00-03')
) v(id, s, ts, tz)`;
const pandasSkip = pandasPython() ? false : 'python3 with pandas is not installed';

async function compare(
  connection: Awaited<ReturnType<typeof memoryDb>>,
  run: Awaited<ReturnType<typeof runStep>>,
) {
  const found = difference(run, await runPandas(connection, run.pandas));
  assert.equal(found, null, `${found}\n${run.pandas.join('\n')}`);
}

describe('parse_date', () => {
  it('parses text by a strftime format; what does not match is NULL', async () => {
    const db = await memoryDb(TABLE);
    const run = await runStep(db, { op: 'parse_date', column: 's', format: '%Y-%m-%d %H:%M' });
    assert.deepEqual(
      run.rows.map((r) => r.s),
      [us('2024-01-05T10:30:00Z'), null, null, us('1999-12-31T00:05:00Z')],
    );
    assert.equal(run.columns[1].type, 'TIMESTAMP');
  });

  it('parses an offset into an instant', async () => {
    const db = await memoryDb(
      `CREATE TABLE t AS SELECT * FROM (VALUES ('2024-01-02 03:04+02:00'), ('x')) v(s)`,
    );
    const run = await runStep(db, { op: 'parse_date', column: 's', format: '%Y-%m-%d %H:%M%z' });
    assert.deepEqual(run.rows, [{ s: us('2024-01-02T01:04:00Z') }, { s: null }]);
    if (!pandasSkip) await compare(db, run);
  });

  it('refuses a column that is not text and a format without fields', async () => {
    const db = await memoryDb(TABLE);
    const run = await runStep(db, { op: 'parse_date', column: 'ts', format: 'YYYY' });
    assert.deepEqual(
      run.issues.map((i) => i.field),
      ['column', 'format'],
    );
    assert.match(run.issues[0].message, /"ts" is TIMESTAMP/);
  });

  it('gives the same rows in pandas', { skip: pandasSkip }, async () => {
    const db = await memoryDb(TABLE);
    await compare(db, await runStep(db, { op: 'parse_date', column: 's', format: '%Y-%m-%d %H:%M' }));
    const empty = await memoryDb(`CREATE TABLE t (s VARCHAR)`);
    await compare(empty, await runStep(empty, { op: 'parse_date', column: 's', format: '%Y-%m-%d' }));
  });
});

describe('date_part', () => {
  it('extracts parts after the source column; an instant is read in UTC', async () => {
    const db = await memoryDb(TABLE);
    const weekday = await runStep(db, { op: 'date_part', column: 'ts', part: 'weekday', name: 'wd' });
    assert.deepEqual(
      weekday.columns.map((c) => c.name),
      ['id', 's', 'ts', 'wd', 'tz'],
    );
    assert.deepEqual(
      weekday.rows.map((r) => r.wd),
      [6, 6, null, 6],
    );
    const hour = await runStep(db, { op: 'date_part', column: 'tz', part: 'hour', name: 'h' });
    assert.deepEqual(
      hour.rows.map((r) => r.h),
      [23, 20, null, 3],
    );
    const week = await runStep(db, { op: 'date_part', column: 'ts', part: 'week', name: 'w' });
    assert.deepEqual(
      week.rows.map((r) => r.w),
      [1, 52, null, 53],
    );
  });

  it('refuses text and a taken name', async () => {
    const db = await memoryDb(TABLE);
    const run = await runStep(db, { op: 'date_part', column: 's', part: 'year', name: 'ID' });
    assert.deepEqual(
      run.issues.map((i) => i.field),
      ['column', 'name'],
    );
  });

  it('gives the same values in pandas for every part', { skip: pandasSkip }, async () => {
    const db = await memoryDb(TABLE);
    const parts = [
      'year',
      'quarter',
      'month',
      'day',
      'weekday',
      'dayofyear',
      'week',
      'hour',
      'minute',
      'second',
    ] as const;
    for (const part of parts) {
      for (const column of ['ts', 'tz'])
        await compare(db, await runStep(db, { op: 'date_part', column, part, name: 'p' }));
    }
    const empty = await memoryDb(`CREATE TABLE t (ts TIMESTAMPTZ)`);
    await compare(empty, await runStep(empty, { op: 'date_part', column: 'ts', part: 'day', name: 'd' }));
  });
});
