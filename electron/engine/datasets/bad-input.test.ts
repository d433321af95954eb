/**
 * Every kind of bad input gets one sentence (what, where, what to do) and leaves the
 * catalogue and the tables of the workspace unchanged. Tests run as root, which can read
 * a chmod 000 file, so "unreadable" is exercised with a FIFO (a reader would block on it
 * forever) and with a path that runs through a file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { importFiles, snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

async function refused(engine: Engine, paths: string[], pattern: RegExp, options = {}): Promise<void> {
  const before = await snapshot(engine);
  await assert.rejects(importFiles(engine, paths, options), (e: ApiError) => {
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /\n/, 'one sentence, one line');
    assert.notEqual(e.code, 'INTERNAL', e.message);
    return true;
  });
  assert.equal(await snapshot(engine), before, `workspace unchanged after ${paths.join(', ')}`);
}

describe('datasets import of bad input', () => {
  it('refuses missing paths, folders, FIFOs, paths through a file, empty files and binary garbage', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      await importFiles(engine, [path.resolve('node_modules/vega-datasets/data/seattle-weather.csv')]);
      await refused(
        engine,
        [path.join(dir, 'missing.csv')],
        /missing\.csv does not exist; check the path\.$/,
      );
      await refused(
        engine,
        [path.join(dir, 'nothing-*.csv')],
        /^No file matches .*nothing-\*\.csv; check the pattern/,
      );
      await refused(engine, [dir], /is a folder, not a file; choose the files inside it/);
      const fifo = path.join(dir, 'pipe.csv');
      execFileSync('mkfifo', [fifo]);
      await refused(engine, [fifo], /pipe\.csv is not a regular file/);
      const file = path.join(dir, 'file.txt');
      fs.writeFileSync(file, 'x');
      await refused(engine, [path.join(file, 'inner.csv')], /a part of its path is a file/);
      const empty = path.join(dir, 'empty.csv');
      fs.writeFileSync(empty, '');
      await refused(engine, [empty], /empty\.csv is empty; there is nothing to import\.$/);
      const garbage = path.join(dir, 'garbage.csv');
      fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 7919) % 256)));
      await refused(engine, [garbage], /does not look like a CSV file \(it contains binary data\)/);
      await refused(engine, [garbage], /not a readable Parquet file/, { format: 'parquet' });
      await refused(engine, [garbage], /not a readable Arrow IPC/, { format: 'arrow' });
      await refused(engine, [garbage], /not a readable Excel/, { format: 'excel' });
    });
  });

  it('refuses a truncated gzip, ragged rows and bad JSON, naming the line', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      const rows = Array.from({ length: 20000 }, (_v, i) => `${i},${(i * 31) % 977},name${i}`).join('\n');
      const whole = gzipSync(Buffer.from(`a,b,c\n${rows}\n`));
      const truncated = path.join(dir, 'cut.csv.gz');
      fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
      await refused(engine, [truncated], /cut\.csv\.gz is a damaged or truncated gzip file/);

      const ragged = path.join(dir, 'ragged.csv');
      fs.writeFileSync(ragged, 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
      await refused(
        engine,
        [ragged],
        /^Line 3 of ragged\.csv has 2 fields where the header has 3; fix the file or skip bad rows\.$/,
      );
      const longer = path.join(dir, 'ragged-longer.csv');
      const body = Array.from({ length: 200 }, (_v, i) =>
        i === 49 ? '49,98' : i === 119 ? '1,2,3,4' : `${i},${i * 2},x${i}`,
      );
      fs.writeFileSync(longer, `a,b,c\n${body.join('\n')}\n`);
      await refused(
        engine,
        [longer],
        /^Line 51 of ragged-longer\.csv has 2 fields where the header has 3; fix the file or skip bad rows\.$/,
      );
      const skipped = await importFiles(engine, [longer], { skipBadRows: true });
      assert.equal(skipped.rows, 198);
      assert.equal(skipped.rejectedRows, 2);

      const json = path.join(dir, 'broken.json');
      fs.writeFileSync(json, '[{"a": 1}, {"a": ');
      await refused(engine, [json], /broken\.json is not valid JSON/);
    });
  });

  it('accepts duplicate column names (renamed a_1 and reported), a header-only file and 5,000 columns', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      const dup = path.join(dir, 'dup.csv');
      fs.writeFileSync(dup, 'a,a,b\n1,2,3\n');
      const { jobId, outcome } = engine.datasets.startImport({ paths: [dup] });
      const v = await outcome;
      assert.deepEqual(
        v.columns.map((c) => c.name),
        ['a', 'a_1', 'b'],
      );
      const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === jobId)!;
      assert.match(job.stage, /renamed repeated columns: a_1/);

      const header = path.join(dir, 'header-only.csv');
      fs.writeFileSync(header, 'id,name,when\n');
      const empty = await importFiles(engine, [header], { columnTypes: { id: 'BIGINT', when: 'DATE' } });
      assert.equal(empty.rows, 0);
      assert.deepEqual(
        empty.columns.map((c) => c.type),
        ['BIGINT', 'VARCHAR', 'DATE'],
      );
      const page = await engine.call('datasets.page', { version: empty.id, offset: 0, limit: 50 });
      assert.equal(page.totalRows, 0);

      const wide = path.join(dir, 'wide.csv');
      const names = Array.from({ length: 5000 }, (_v, i) => `c${i}`);
      const line = () => names.map((_n, i) => String(i)).join(',');
      fs.writeFileSync(wide, `${names.join(',')}\n${line()}\n${line()}\n`);
      const w = await importFiles(engine, [wide]);
      assert.equal(w.columns.length, 5000);
      assert.equal(w.rows, 2);
      const insights = await engine.call('datasets.insights', { version: w.id });
      assert.ok(insights.length > 0);
    });
  });
});
