/**
 * Imports of every format from real files on disk into a real workspace: row counts,
 * types, lineage, re-import recognition, skipped rows, and that cancelled or failed
 * imports leave the workspace exactly as it was.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import ExcelJS from 'exceljs';
import type { ApiError } from '../../../shared/errors';
import { importFiles, readPage, snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

const VEGA = path.resolve('node_modules/vega-datasets/data');
const types = (v: { columns: Array<{ name: string; type: string }> }) =>
  Object.fromEntries(v.columns.map((c) => [c.name, c.type]));

describe('datasets import', () => {
  it('reads CSV with quoted fields, semicolons with decimal commas, dates, gzip, and records lineage', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      const quoted = path.join(dir, 'quoted.csv');
      fs.writeFileSync(
        quoted,
        'id,comment,amount,day\n1,"hello, world",1.5,2024-01-31\n2,"say ""hi""",,2024-02-01\n3,"",3,2024-02-02\n',
      );
      const v = await importFiles(engine, [quoted]);
      assert.equal(v.rows, 3);
      assert.deepEqual(types(v), { id: 'BIGINT', comment: 'VARCHAR', amount: 'DOUBLE', day: 'DATE' });
      assert.equal(v.lineage.kind, 'import');
      if (v.lineage.kind === 'import') {
        assert.equal(v.lineage.sources[0]!.sizeBytes, fs.statSync(quoted).size);
        assert.match(v.lineage.sources[0]!.fingerprint, /^[0-9a-f]{64}$/);
        assert.equal(v.lineage.options.delimiter, ',');
      }
      const rows = readPage(
        (await engine.call('datasets.page', { version: v.id, offset: 0, limit: 10 })).page,
      ).toArray();
      assert.equal(rows[0]!.comment, 'hello, world');
      assert.equal(rows[1]!.comment, 'say "hi"');
      assert.equal(rows[2]!.comment, '', 'an empty quoted string stays an empty string');
      assert.equal(rows[1]!.amount, null, 'an empty field is NULL');

      const european = path.join(dir, 'european.csv');
      fs.writeFileSync(european, 'name;price;sold\nA;1,5;03/01/2024\nB;2,25;04/01/2024\n');
      const eu = await importFiles(engine, [european], { decimalSeparator: ',', dateFormat: '%d/%m/%Y' });
      assert.deepEqual(types(eu), { name: 'VARCHAR', price: 'DOUBLE', sold: 'DATE' });
      const euRows = readPage(
        (await engine.call('datasets.page', { version: eu.id, offset: 0, limit: 5 })).page,
      ).toArray();
      assert.equal(euRows[1]!.price, 2.25);
      assert.equal(new Date(euRows[0]!.sold as number).toISOString().slice(0, 10), '2024-01-03');

      const gz = path.join(dir, 'weather.csv.gz');
      fs.writeFileSync(gz, gzipSync(fs.readFileSync(path.join(VEGA, 'seattle-weather.csv'))));
      const g = await importFiles(engine, [gz]);
      assert.equal(g.rows, 1461);
      assert.equal(g.dataset, 'weather');
      assert.equal(types(g).date, 'DATE');
    });
  });

  it('reads Parquet, JSON and NDJSON written by DuckDB, Arrow written by apache-arrow, and Excel by exceljs', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      const c = engine.workspace.connection;
      const q = (f: string) => `'${path.join(dir, f)}'`;
      const source = `SELECT range AS id, 'n' || range AS name, range * 0.5 AS half, DATE '2024-01-01' + range::INTEGER AS day FROM range(1000)`;
      await c.run(`COPY (${source}) TO ${q('t.parquet')} (FORMAT parquet)`);
      await c.run(`COPY (${source}) TO ${q('t.json')} (FORMAT json, ARRAY true)`);
      await c.run(`COPY (${source}) TO ${q('t.ndjson')} (FORMAT json)`);
      for (const f of ['t.parquet', 't.json', 't.ndjson']) {
        const v = await importFiles(engine, [path.join(dir, f)], undefined, f.replace('.', '_'));
        assert.equal(v.rows, 1000, f);
        assert.equal(types(v).id, 'BIGINT', f);
        assert.equal(types(v).day, 'DATE', f);
      }

      const arrowFile = path.join(dir, 'a.arrow');
      const table = tableFromArrays({
        x: Int32Array.from([1, 2, 3]),
        y: Float64Array.from([0.5, 1.5, 2.5]),
        s: ['a', 'b', 'c'],
      });
      fs.writeFileSync(arrowFile, tableToIPC(table, 'file'));
      const a = await importFiles(engine, [arrowFile]);
      assert.equal(a.rows, 3);
      assert.deepEqual(types(a), { x: 'INTEGER', y: 'DOUBLE', s: 'VARCHAR' });
      const flights = await importFiles(engine, [path.join(VEGA, 'flights-200k.arrow')]);
      assert.equal(flights.rows, 200_000);
      assert.deepEqual(types(flights), { delay: 'SMALLINT', distance: 'SMALLINT', time: 'FLOAT' });

      const xlsx = path.join(dir, 'book.xlsx');
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Notes').addRow(['ignored']);
      const sheet = workbook.addWorksheet('Sales');
      sheet.addRow(['region', 'units', 'when', 'ok']);
      sheet.addRow(['north', 3, new Date('2024-01-02T00:00:00Z'), true]);
      sheet.addRow(['south', 4.5, new Date('2024-01-03T00:00:00Z'), false]);
      await workbook.xlsx.writeFile(xlsx);
      const x = await importFiles(engine, [xlsx], { sheet: 'Sales' });
      assert.equal(x.rows, 2);
      assert.deepEqual(types(x), { region: 'VARCHAR', units: 'DOUBLE', when: 'DATE', ok: 'BOOLEAN' });
      await assert.rejects(
        importFiles(engine, [xlsx], { sheet: 'Nope' }),
        /has no sheet named "Nope"; its sheets are "Notes", "Sales"/,
      );
    });
  });

  it('previews the first rows exactly as they will be typed, with the sniffed options', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'semi.txt');
      fs.writeFileSync(file, 'a;b;when\n1;x;2024-01-02\n2;y;2024-01-03\n');
      const before = await snapshot(engine);
      const preview = await engine.call('datasets.preview', {
        paths: [file],
        options: { columnTypes: { a: 'DOUBLE' } },
      });
      assert.equal(preview.format, 'csv');
      assert.equal(preview.options.delimiter, ';');
      assert.equal(preview.options.header, true);
      assert.deepEqual(types(preview), { a: 'DOUBLE', b: 'VARCHAR', when: 'DATE' });
      assert.equal(readPage(preview.page).numRows, 2);
      assert.equal(preview.totalBytes, fs.statSync(file).size);
      assert.equal(await snapshot(engine), before, 'a preview writes nothing');
      const arrow = await engine.call('datasets.preview', { paths: [path.join(VEGA, 'flights-200k.arrow')] });
      assert.equal(readPage(arrow.page).numRows, 100);
    });
  });

  it('imports vega-datasets files with their known row counts', async () => {
    await withTempEngine(async (engine) => {
      const expected: Array<[string, number]> = [
        ['cars.json', 406],
        ['penguins.json', 344],
        ['seattle-weather.csv', 1461],
        ['unemployment.tsv', 3218],
      ];
      for (const [file, rows] of expected) {
        const v = await importFiles(engine, [path.join(VEGA, file)]);
        assert.equal(v.rows, rows, file);
      }
      const cars = await engine.call('datasets.versions', { dataset: 'cars' });
      assert.equal(types(cars[0]!).Year, 'DATE');
    });
  });

  it('unions several files or a glob by column name into one dataset', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'part-1.csv'), 'a,b\n1,x\n2,y\n');
      fs.writeFileSync(path.join(dir, 'part-2.csv'), 'b,a,c\nz,3,true\n');
      const v = await importFiles(engine, [path.join(dir, 'part-*.csv')], undefined, 'parts');
      assert.equal(v.rows, 3);
      assert.deepEqual(
        v.columns.map((c) => c.name),
        ['a', 'b', 'c'],
      );
      if (v.lineage.kind === 'import') assert.equal(v.lineage.sources.length, 2);
    });
  });

  it('recognises an unchanged re-import and makes a new version when the file or options change', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'data.csv');
      fs.writeFileSync(file, 'a,b\n1,2\n');
      const first = await importFiles(engine, [file]);
      const events: string[] = [];
      engine.events.on('datasets.changed', (e) => events.push(e.dataset));
      const { jobId, outcome } = engine.datasets.startImport({ paths: [file] });
      const again = await outcome;
      assert.equal(again.id, first.id);
      const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === jobId)!;
      assert.equal(job.stage, 'Unchanged since version 1; kept it');
      assert.deepEqual(events, [], 'nothing changed');
      const typed = await importFiles(engine, [file], { columnTypes: { b: 'VARCHAR' } });
      assert.equal(typed.number, 2);
      assert.equal(types(typed).b, 'VARCHAR');
      fs.writeFileSync(file, 'a,b\n1,2\n3,4\n');
      const changed = await importFiles(engine, [file]);
      assert.equal(changed.number, 3);
      assert.equal(changed.rows, 2);
      assert.deepEqual(events, ['data', 'data']);
      const [summary] = await engine.call('datasets.list', {});
      assert.equal(summary!.versionCount, 3);
      assert.equal(summary!.latest.id, changed.id);
    });
  });

  it('names the row, column and value of a parse error, and skips bad rows only when asked', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'prices.csv');
      const lines = ['id,price'];
      for (let i = 1; i <= 1300; i++) lines.push(`${i},${i === 1234 ? 'abc' : i / 2}`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const before = await snapshot(engine);
      await assert.rejects(
        importFiles(engine, [file], { columnTypes: { price: 'DOUBLE' } }),
        (e: ApiError) => {
          assert.equal(
            e.message,
            'Row 1,234 (line 1,235 of prices.csv), column price: "abc" is not a DOUBLE; fix the file, set the column\'s type to VARCHAR, or skip bad rows.',
          );
          return true;
        },
      );
      assert.equal(await snapshot(engine), before, 'the failed import left nothing behind');
      const v = await importFiles(engine, [file], { columnTypes: { price: 'DOUBLE' }, skipBadRows: true });
      assert.equal(v.rows, 1299);
      assert.equal(v.rejectedRows, 1);
      const rejects = await engine.call('datasets.rejects', { version: v.id, offset: 0, limit: 10 });
      assert.equal(rejects.totalRows, 1);
      const [row] = readPage(rejects.page).toArray();
      assert.equal(Number(row!.line), 1235);
      assert.equal(row!.column, 'price');
      assert.equal(row!.original_line, '1234,abc');
    });
  });

  it('a cancelled import leaves the workspace exactly as it was', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'big.csv');
      const c = engine.workspace.connection;
      await c.run(
        `COPY (SELECT range AS id, random() AS x, 'label ' || (range % 100) AS s FROM range(3000000)) TO '${file}' (FORMAT csv)`,
      );
      await importFiles(engine, [path.join(VEGA, 'seattle-weather.csv')]);
      const before = await snapshot(engine);
      const { jobId, outcome } = engine.datasets.startImport({ paths: [file] });
      await new Promise<void>((resolve) => {
        const off = engine.events.on('job.progress', (p) => {
          if (p.jobId === jobId && p.stage.startsWith('Reading')) {
            off();
            setTimeout(resolve, 150);
          }
        });
      });
      assert.equal((await engine.call('jobs.cancel', { jobId })).cancelled, true);
      await assert.rejects(outcome, (e: ApiError) => e.code === 'CANCELLED');
      const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === jobId)!;
      assert.equal(job.state, 'cancelled');
      assert.equal(await snapshot(engine), before);
    });
  });
});
