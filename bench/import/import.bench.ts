/**
 * Import benchmark (issue 3): the engine's import job against a plain DuckDB
 * `CREATE TABLE … AS SELECT * FROM read_csv(…)` on the same file in the same run, the 3M-row
 * flights Parquet from vega-datasets, and the grid's 200-row pages of it sorted by a
 * numeric column. Figures and ratios are printed, never asserted.
 *
 *   node --import tsx bench/import/import.bench.ts          1M × 31 CSV, flights, pages
 *   node --import tsx bench/import/import.bench.ts --big    also a 3 GB CSV (peak RSS)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Engine } from '../../electron/engine/engine';

const DATA_DIR = path.resolve('bench/.data');
const ROWS = 1_000_000;
const FLIGHTS = path.resolve('node_modules/vega-datasets/data/flights-3m.parquet');

/** A deterministic generator (mulberry32) so every run reads the same bytes. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeCsv(file: string, rows: number): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const next = random(42);
  const regions = ['north', 'south', 'east', 'west', 'central'];
  const segments = ['consumer', 'corporate', 'home office'];
  const header = [...Array.from({ length: 28 }, (_v, i) => `x${i}`), 'region', 'segment', 'label'];
  const fd = fs.openSync(`${file}.tmp`, 'w');
  fs.writeSync(fd, `${header.join(',')}\n`);
  let buffer: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < 28; c++)
      cells.push(next() < 0.02 ? '' : (next() * 1000 - 500).toFixed(c % 3 === 0 ? 0 : 4));
    cells.push(
      regions[Math.floor(next() * regions.length)]!,
      segments[Math.floor(next() * segments.length)]!,
      next() < 0.3 ? '1' : '0',
    );
    buffer.push(cells.join(','));
    if (buffer.length === 10_000) {
      fs.writeSync(fd, `${buffer.join('\n')}\n`);
      buffer = [];
    }
  }
  if (buffer.length) fs.writeSync(fd, `${buffer.join('\n')}\n`);
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
function resetPeak(): void {
  peakRss = process.memoryUsage.rss();
}

async function plainDuckDb(file: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-bench-plain-'));
  const instance = await DuckDBInstance.create(path.join(dir, 'plain.duckdb'));
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}')`);
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
  return seconds;
}

async function engineImport(
  engine: Engine,
  file: string,
  name: string,
): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  const version = await engine.datasets.startImport({ paths: [file], name }).outcome;
  return { seconds: (performance.now() - started) / 1000, rows: version.rows };
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const big = process.argv.includes('--big');
  const csv = path.join(DATA_DIR, 'import-1m-31.csv');
  console.log(`Generating ${csv} …`);
  writeCsv(csv, ROWS);
  const size = fs.statSync(csv).size;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-bench-'));
  const engine = await Engine.create({ workspaceDir: dir, mode: 'browser' });
  try {
    // Warm the page cache and DuckDB's code paths once so neither side pays for it.
    await plainDuckDb(csv);
    const plain = await plainDuckDb(csv);
    resetPeak();
    const ours = await engineImport(engine, csv, 'bench_csv');
    console.log(`\nCSV ${ROWS.toLocaleString('en-US')} rows × 31 columns, ${mb(size).toFixed(0)} MB`);
    console.log(`  plain DuckDB CTAS   ${plain.toFixed(2)} s   ${(mb(size) / plain).toFixed(0)} MB/s`);
    console.log(
      `  Assay import job    ${ours.seconds.toFixed(2)} s   ${(mb(size) / ours.seconds).toFixed(0)} MB/s   peak RSS ${mb(peakRss).toFixed(0)} MB`,
    );
    console.log(`  overhead ratio      ${(ours.seconds / plain).toFixed(2)}   (target ≤ 1.15)`);

    resetPeak();
    const flights = await engineImport(engine, FLIGHTS, 'flights');
    console.log(
      `\nflights-3m.parquet  ${flights.rows.toLocaleString('en-US')} rows in ${flights.seconds.toFixed(2)} s, peak RSS ${mb(peakRss).toFixed(0)} MB`,
    );

    const version = (await engine.call('datasets.versions', { dataset: 'flights' }))[0]!;
    const request = { version: version.id, limit: 200, sort: [{ column: 'delay', descending: true }] };
    let started = performance.now();
    await engine.call('datasets.page', { ...request, offset: 0 });
    const firstTop = performance.now() - started;
    started = performance.now();
    await engine.call('datasets.page', { ...request, offset: 1_500_000 });
    const first = performance.now() - started;
    const next = random(7);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const offset = Math.floor(next() * (version.rows - 200));
      started = performance.now();
      await engine.call('datasets.page', { ...request, offset });
      times.push(performance.now() - started);
    }
    console.log(`\nGrid: 200-row pages of flights sorted by delay`);
    console.log(`  first page (top-N)          ${firstTop.toFixed(0)} ms`);
    console.log(`  first deep page (sorts)     ${first.toFixed(0)} ms`);
    console.log(`  median of 20 random pages   ${median(times).toFixed(1)} ms   (target ≤ 50 ms)`);

    if (big) {
      const bigFile = path.join(DATA_DIR, 'import-3gb.csv');
      const free = fs.statfsSync(DATA_DIR);
      if (!fs.existsSync(bigFile) && free.bavail * free.bsize < 8 * 1024 ** 3) {
        console.log('\n--big: skipped, less than 8 GB free disk');
      } else {
        if (!fs.existsSync(bigFile)) {
          console.log(`\nWriting ${bigFile} (≈3 GB) …`);
          const out = fs.openSync(bigFile, 'w');
          const body = fs.readFileSync(csv);
          const firstNewline = body.indexOf(10);
          fs.writeSync(out, body.subarray(0, firstNewline + 1));
          const rows = body.subarray(firstNewline + 1);
          let written = 0;
          while (written < 3 * 1024 ** 3) written += fs.writeSync(out, rows);
          fs.closeSync(out);
        }
        resetPeak();
        const result = await engineImport(engine, bigFile, 'big');
        const bytes = fs.statSync(bigFile).size;
        console.log(
          `\n3 GB CSV: ${result.rows.toLocaleString('en-US')} rows in ${result.seconds.toFixed(1)} s (${(mb(bytes) / result.seconds).toFixed(0)} MB/s), peak RSS ${mb(peakRss).toFixed(0)} MB (target < 1,536 MB)`,
        );
      }
    }
  } finally {
    clearInterval(sampler);
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
