/**
 * Hostile SQL through the read-only console and "Save as dataset": every statement that
 * could write a file, change a setting, load an extension or act through a table
 * function is refused with one sentence, and afterwards no file was written, no setting
 * changed and the workspace is unchanged.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { importFiles, snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

async function people(engine: Engine): Promise<string> {
  const file = path.join(tempDir(), 'people.csv');
  fs.writeFileSync(file, 'id,name,city\n1,Ann,Paris\n2,Bob,Oslo\n3,Cy,Paris\n');
  await importFiles(engine, [file]);
  return file;
}

async function settings(engine: Engine): Promise<string> {
  const reader = await engine.workspace.connection.runAndReadAll(
    `SELECT string_agg(name || '=' || coalesce(value, ''), ';' ORDER BY name) FROM duckdb_settings()`,
  );
  return String(reader.getRowsJS()[0]?.[0]);
}

function hostile(ws: string, out: string): string[] {
  return [
    `EXPLAIN ANALYZE COPY (SELECT 42) TO '${ws}/workspace.duckdb'`,
    `EXPLAIN ANALYZE COPY (SELECT 42) TO '${out}/copied.csv'`,
    `/* hidden */ EXPLAIN /* again */ ANALYZE COPY (SELECT 42) TO '${out}/commented.csv'`,
    `EXPLAIN (FORMAT json) COPY (SELECT 42) TO '${out}/options.csv'`,
    `explain analyse copy (select 42) to '${out}/lower.csv'`,
    `EXPLAIN ANALYZE SET memory_limit = '10MB'`,
    `EXPLAIN ANALYZE SET enable_external_access = false`,
    `EXPLAIN ANALYZE INSTALL httpfs`,
    `EXPLAIN ANALYZE ATTACH '${out}/other.duckdb' AS other`,
    `EXPORT DATABASE '${out}/exported'`,
    `COPY (SELECT 1) TO '${out}/plain.csv'`,
    `INSTALL httpfs`,
    `LOAD httpfs`,
    `SET threads = 1`,
    `RESET memory_limit`,
    `PRAGMA threads = 1`,
    `PRAGMA enable_profiling`,
    `CALL enable_logging()`,
    `SELECT * FROM enable_logging(storage := 'file', storage_path := '${out}/logs')`,
    `SELECT * FROM (SELECT 1) t, LATERAL (SELECT * FROM main.enable_logging()) l`,
    `WITH x AS (SELECT * FROM checkpoint()) SELECT * FROM x`,
    `FROM force_checkpoint()`,
    `FROM query('SELECT 42')`,
    `FROM read_duckdb('${ws}/workspace.duckdb', table_name := 'datasets')`,
    `SELECT * FROM truncate_duckdb_logs()`,
  ];
}

describe('hardening: the SQL console cannot write', () => {
  it('refuses every writing, setting or acting statement and leaves files, settings and the workspace as they were', async () => {
    await withTempEngine(async (engine, ws) => {
      await people(engine);
      const out = tempDir();
      const before = { data: await snapshot(engine), settings: await settings(engine) };
      for (const sql of hostile(ws, out)) {
        await assert.rejects(engine.call('sql.run', { sql }), (e: ApiError) => {
          assert.equal(e.code, 'INVALID_INPUT', sql);
          // DuckDB's parser refuses some forms itself, before anything could run.
          assert.match(
            e.message,
            /writes to the workspace|does not run because it can change|syntax error|Unimplemented/,
            sql,
          );
          return true;
        });
        await assert.rejects(
          engine.datasets.startSqlSave(sql, 'saved').outcome,
          /writes|change|check|syntax error|Unimplemented/,
          sql,
        );
      }
      assert.deepEqual(fs.readdirSync(out), [], 'no file or folder was written');
      assert.equal(await settings(engine), before.settings, 'no setting changed');
      assert.equal(await snapshot(engine), before.data, 'the workspace is unchanged');
      assert.equal((await engine.call('sql.run', { sql: 'SELECT count(*) AS n FROM people' })).rowCount, 1);
    });
  });

  it('still runs queries that read: EXPLAIN of a query, local files, PRAGMA table_info, SUMMARIZE', async () => {
    await withTempEngine(async (engine) => {
      const file = await people(engine);
      for (const sql of [
        'EXPLAIN SELECT * FROM people',
        'EXPLAIN ANALYZE SELECT count(*) FROM people',
        '-- a comment\nEXPLAIN (FORMAT json) SELECT 1',
        `SELECT count(*) FROM read_csv('${file}')`,
        `FROM '${file}'`,
        "PRAGMA table_info('people')",
        'SUMMARIZE people',
        'SELECT * FROM range(3) r, LATERAL (SELECT r.range * 2)',
      ]) {
        const result = await engine.call('sql.run', { sql });
        assert.ok(result.columns.length > 0, sql);
      }
    });
  });

  it('never fetches an extension: a URL fails at once, and httpfs stays uninstalled', async () => {
    await withTempEngine(async (engine) => {
      await assert.rejects(
        engine.call('sql.run', { sql: "SELECT * FROM 'http://127.0.0.1:9/x.csv'" }),
        /httpfs/,
      );
      const reader = await engine.workspace.connection.runAndReadAll(
        "SELECT count(*) FROM duckdb_extensions() WHERE extension_name = 'httpfs' AND (installed OR loaded)",
      );
      assert.equal(Number(reader.getRowsJS()[0]?.[0]), 0);
    });
  });

  it('a refused or failing save shows the query, never the internal CREATE TABLE', async () => {
    await withTempEngine(async (engine) => {
      await people(engine);
      for (const sql of [
        'SELECT nope FROM people',
        'SELECT CAST(name AS INTEGER) FROM people',
        'EXPLAIN SELECT 1',
      ]) {
        await assert.rejects(engine.datasets.startSqlSave(sql, 'saved').outcome, (e: ApiError) => {
          assert.doesNotMatch(e.message, /CREATE TABLE|"data"\.|\bv[0-9a-f]{16}\b/, sql);
          return true;
        });
      }
      const saved = await engine.datasets.startSqlSave(
        "SELECT * FROM people WHERE city = 'Paris' -- end",
        'p',
      ).outcome;
      assert.equal(saved.rows, 2);
    });
  });
});
