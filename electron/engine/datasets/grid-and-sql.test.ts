/**
 * The grid's pages (sort, filters, Arrow types), quick insights, retype, the SQL console
 * (read-only, DuckDB's errors with position, save as a version, completions), export,
 * and catalogue edits with their `datasets.changed` events.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DatasetVersion } from '../../../shared/datasets';
import type { ApiError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { importFiles, readPage, snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

async function people(engine: Engine): Promise<DatasetVersion> {
  const file = path.join(tempDir(), 'people.csv');
  fs.writeFileSync(
    file,
    [
      'id,name,age,city,joined,score',
      '1,Ann,34,Paris,2024-01-02 10:00:00.123456,9007199254740993',
      '2,bob,28,"",2023-05-06 00:00:00,2',
      '3,Cid,,Oslo,2022-12-31 23:59:59,3',
      '4,Dee,45,Paris,,4',
      '5,Eve,28,Rome,2021-01-01 00:00:00,5',
    ].join('\n'),
  );
  return importFiles(engine, [file]);
}

const rowsOf = (bytes: Uint8Array) =>
  readPage(bytes)
    .toArray()
    .map((r) => r.toJSON() as Record<string, unknown>);

describe('datasets grid and SQL', () => {
  it('pages with Arrow types: Int64, timestamps with microseconds, NULL distinct from empty text', async () => {
    await withTempEngine(async (engine) => {
      const v = await people(engine);
      const page = await engine.call('datasets.page', { version: v.id, offset: 0, limit: 10 });
      const table = readPage(page.page);
      const fields = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
      assert.deepEqual(fields, {
        id: 'Int64',
        name: 'Utf8',
        age: 'Int64',
        city: 'Utf8',
        joined: 'Timestamp<MICROSECOND>',
        score: 'Int64',
      });
      assert.equal(table.schema.fields[4]!.metadata.get('duckdb_type'), 'TIMESTAMP');
      const rows = rowsOf(page.page);
      assert.equal(rows[0]!.score, 9007199254740993n, 'BIGINT beyond 2^53 survives');
      assert.equal(rows[1]!.city, '');
      assert.equal(rows[3]!.joined, null);
      const micros = table.getChild('joined')!.data[0]!.values as BigInt64Array;
      assert.equal(micros[0]! % 1_000_000n, 123_456n, 'microseconds kept');
    });
  });

  it('sorts by several columns and filters by range, contains, in set and null', async () => {
    await withTempEngine(async (engine) => {
      const v = await people(engine);
      const ids = async (request: object) =>
        rowsOf(
          (await engine.call('datasets.page', { version: v.id, offset: 0, limit: 10, ...request })).page,
        ).map((r) => Number(r.id));
      assert.deepEqual(
        await ids({ sort: [{ column: 'age' }, { column: 'name', descending: true }] }),
        [2, 5, 1, 4, 3],
      );
      assert.deepEqual(await ids({ filters: [{ column: 'age', op: 'range', min: 28, max: 34 }] }), [1, 2, 5]);
      assert.deepEqual(await ids({ filters: [{ column: 'name', op: 'contains', value: 'B' }] }), [2]);
      assert.deepEqual(
        await ids({ filters: [{ column: 'city', op: 'in', values: ['Paris', 'Rome'] }] }),
        [1, 4, 5],
      );
      assert.deepEqual(await ids({ filters: [{ column: 'age', op: 'null' }] }), [3]);
      assert.deepEqual(
        await ids({ filters: [{ column: 'joined', op: 'range', min: '2023-01-01' }] }),
        [1, 2],
      );
      const page = await engine.call('datasets.page', {
        version: v.id,
        offset: 1,
        limit: 1,
        filters: [{ column: 'age', op: 'notNull' }],
      });
      assert.equal(page.totalRows, 4);
      await assert.rejects(
        engine.call('datasets.page', {
          version: v.id,
          offset: 0,
          limit: 1,
          sort: [{ column: 'nope"; DROP TABLE x; --' }],
        }),
        /There is no column "nope/,
      );
    });
  });

  it('pages deep into a large sorted table from the cached ordering', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'large.parquet');
      await engine.workspace.connection.run(
        `COPY (SELECT range AS id, (range * 7919) % 100003 AS k FROM range(120000)) TO '${file}' (FORMAT parquet)`,
      );
      const v = await importFiles(engine, [file]);
      const request = { version: v.id, limit: 3, sort: [{ column: 'k', descending: true }] };
      const first = rowsOf((await engine.call('datasets.page', { ...request, offset: 0 })).page);
      const deep = await engine.call('datasets.page', { ...request, offset: 60_000 });
      const expected = await engine.call('sql.run', {
        sql: `SELECT id, k FROM large ORDER BY k DESC, id LIMIT 3 OFFSET 60000`,
      });
      assert.deepEqual(rowsOf(deep.page), rowsOf(expected.page));
      assert.equal(deep.totalRows, 120_000);
      assert.equal(first.length, 3);
    });
  });

  it('gives quick insights: missing, distinct, histograms and top values', async () => {
    await withTempEngine(async (engine) => {
      const v = await people(engine);
      const insights = Object.fromEntries(
        (await engine.call('datasets.insights', { version: v.id })).map((i) => [i.name, i]),
      );
      assert.equal(insights.age!.missing, 1);
      assert.equal(
        insights.age!.histogram!.counts.reduce((a, b) => a + b, 0),
        4,
      );
      assert.equal(insights.age!.histogram!.edges.length, insights.age!.histogram!.counts.length + 1);
      assert.deepEqual(insights.city!.top![0], { value: 'Paris', count: 2 });
      assert.equal(insights.joined!.missing, 1);
      assert.ok(insights.joined!.histogram);
    });
  });

  it('retypes into a new version and names the value that does not convert', async () => {
    await withTempEngine(async (engine) => {
      const v = await people(engine);
      const job = engine.datasets.startRetype(v.id, { age: 'DOUBLE', id: 'VARCHAR' });
      const next = await job.outcome;
      assert.equal(next.number, 2);
      assert.deepEqual(next.lineage, {
        kind: 'retype',
        parent: v.id,
        changes: { age: 'DOUBLE', id: 'VARCHAR' },
        durationMs: next.lineage.durationMs,
      });
      assert.equal(next.columns.find((c) => c.name === 'age')!.type, 'DOUBLE');
      const before = await snapshot(engine);
      await assert.rejects(engine.datasets.startRetype(v.id, { name: 'INTEGER' }).outcome, (e: ApiError) => {
        assert.equal(
          e.message,
          'Column name cannot become INTEGER: row 1 holds "Ann", which does not convert to INTEGER; choose another type, or clean the column first.',
        );
        return true;
      });
      assert.equal(await snapshot(engine), before);
    });
  });

  it('runs read-only SQL over datasets by name and refuses writes', async () => {
    await withTempEngine(async (engine) => {
      const v = await people(engine);
      const result = await engine.call('sql.run', {
        sql: 'SELECT city, count(*) AS n FROM people GROUP BY city ORDER BY n DESC, city LIMIT 2',
      });
      assert.deepEqual(result.columns, [
        { name: 'city', type: 'VARCHAR' },
        { name: 'n', type: 'BIGINT' },
      ]);
      assert.deepEqual(rowsOf(result.page)[0], { city: 'Paris', n: 2n });
      const limited = await engine.call('sql.run', { sql: 'SELECT * FROM "people@1"', limit: 2 });
      assert.equal(limited.rowCount, 2);
      assert.equal(limited.truncated, true);
      for (const sql of [
        'SUMMARIZE people',
        'DESCRIBE people',
        'VALUES (1), (2)',
        "PRAGMA table_info('people')",
        'WITH x AS (SELECT 1) SELECT * FROM x',
      ]) {
        await engine.call('sql.run', { sql });
      }
      const before = await snapshot(engine);
      for (const sql of [
        'DROP TABLE people',
        'DROP VIEW nope',
        "INSERT INTO people VALUES (9, 'x', 1, 'y', NULL, 1)",
        "COPY people TO '/tmp/x.csv'",
        'CREATE TABLE t AS SELECT 1',
        'SET threads = 1',
        "ATTACH ':memory:' AS other",
        'CHECKPOINT',
      ]) {
        await assert.rejects(engine.call('sql.run', { sql }), (e: ApiError) => {
          assert.equal(
            e.message,
            'This query writes to the workspace; use “Save as dataset” to keep a result as a new version.',
            sql,
          );
          return true;
        });
      }
      await assert.rejects(engine.call('sql.run', { sql: 'SELECT 1; SELECT 2' }), /run one query at a time/);
      await assert.rejects(engine.call('sql.run', { sql: 'SELECT nope FROM people' }), (e: ApiError) => {
        assert.match(e.message, /Referenced column "nope" not found/);
        assert.match(e.message, /LINE 1: SELECT nope FROM people\n\s+\^/);
        return true;
      });
      assert.equal(await snapshot(engine), before);

      const saved = await engine.datasets.startSqlSave(
        "SELECT * FROM people WHERE city = 'Paris'",
        'parisians',
      ).outcome;
      assert.equal(saved.rows, 2);
      assert.equal(saved.number, 1);
      assert.deepEqual(saved.lineage.kind === 'sql' && saved.lineage.parents, [v.id]);
      const names = (await engine.call('sql.completions', {})).map((t) => t.name);
      assert.deepEqual(names, ['parisians', 'parisians@1', 'people', 'people@1']);
    });
  });

  it('exports a version to CSV and Parquet that read back the same', async () => {
    await withTempEngine(async (engine) => {
      const v = await people(engine);
      const dir = tempDir();
      for (const format of ['csv', 'parquet'] as const) {
        const out = path.join(dir, `out.${format}`);
        const { jobId } = await engine.call('datasets.export', { version: v.id, format, path: out });
        await waitForJob(engine, jobId);
        // People see versions as dataset@N, never by their internal id.
        const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === jobId);
        assert.equal(job?.label, `Exporting ${v.dataset}@${v.number}`);
        const back = await importFiles(engine, [out], undefined, `back_${format}`);
        assert.equal(back.rows, 5);
        assert.deepEqual(
          back.columns.map((c) => c.name),
          v.columns.map((c) => c.name),
        );
      }
      await assert.rejects(
        (await engine.datasets.startExport(v.id, 'csv', path.join(dir, 'no', 'such', 'x.csv'))).outcome,
        /does not exist; create it/,
      );
      assert.deepEqual(fs.readdirSync(dir).sort(), ['out.csv', 'out.parquet'], 'no partial files left');
    });
  });

  it('renames, tags and deletes datasets, keeping SQL names in step and announcing each change', async () => {
    await withTempEngine(async (engine) => {
      await people(engine);
      const events: string[] = [];
      engine.events.on('datasets.changed', (e) => events.push(e.dataset));
      await assert.rejects(
        engine.call('datasets.rename', { dataset: 'people', newName: '1bad' }),
        /Invalid request/,
      );
      const renamed = await engine.call('datasets.rename', { dataset: 'people', newName: 'Staff list' });
      assert.equal(renamed.name, 'Staff list');
      assert.equal(
        rowsOf((await engine.call('sql.run', { sql: 'SELECT count(*) AS n FROM "Staff list"' })).page)[0]!.n,
        5n,
      );
      await assert.rejects(engine.call('sql.run', { sql: 'SELECT * FROM people' }), /people/);
      const tagged = await engine.call('datasets.tag', { dataset: 'staff list', tags: ['hr', 'hr', 'raw'] });
      assert.deepEqual(tagged.tags, ['hr', 'raw']);
      assert.deepEqual(await engine.call('datasets.delete', { dataset: 'Staff list' }), { deleted: 1 });
      assert.deepEqual(await engine.call('datasets.list', {}), []);
      const tables = await engine.workspace.connection.runAndReadAll(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'data'",
      );
      assert.equal(Number(tables.getRowsJS()[0]![0]), 0);
      assert.deepEqual(events, ['Staff list', 'Staff list', 'Staff list']);
    });
  });
});

async function waitForJob(engine: Engine, jobId: string): Promise<void> {
  for (;;) {
    const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === jobId);
    if (job && job.state !== 'running') {
      assert.equal(job.state, 'succeeded', job.error?.message);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
