/**
 * Clean benchmark (issue 11): on a generated 10M-row table, a single step's preview
 * (target ≤ 300 ms), and applying a 10-step recipe as the engine's job against DuckDB's
 * own time for the equivalent hand-written SQL (target ≤ 1.10×) and against the generated
 * pandas code on the same rows when python3 has pandas (target ≥ 10× faster). Figures
 * and ratios are printed, never asserted.
 *
 *   node --import tsx bench/clean/clean.bench.ts [--rows 1000000] [--no-pandas]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Recipe } from '../../shared/clean';
import type { DatasetVersion } from '../../shared/datasets';
import { messageOf } from '../../shared/errors';
import { runJob } from '../../shared/run-job';
import { Engine } from '../../electron/engine/index';
import { generatorSql, handWrittenSql, previewSteps, tenStepRecipe } from './clean-data';
import { pythonWithPandas, timePandas } from './pandas-timing';

const DATA_DIR = path.resolve('bench/.data');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(flag('--rows') ?? 10_000_000);
if (!Number.isInteger(ROWS) || ROWS < 1) {
  console.error(`--rows must be a positive whole number, not "${flag('--rows')}".`);
  process.exit(2);
}

/** The workspace's DuckDB memory limit (as the engine sets it), given to plain DuckDB too. */
const MEMORY_LIMIT = process.env.ASSAY_MEMORY_LIMIT?.trim() || '1GB';

const secs = (ms: number): string => (ms / 1000).toFixed(2);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const count = (n: number): string => n.toLocaleString('en-US');

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The Parquet file of ROWS generated rows, written once into bench/.data/. */
async function dataFile(): Promise<string> {
  const file = path.join(DATA_DIR, `clean-${ROWS}.parquet`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const { ms } = await timed(() => connection.run(generatorSql(ROWS, `${file}.tmp`)));
  connection.closeSync();
  instance.closeSync();
  fs.renameSync(`${file}.tmp`, file);
  console.log(`generated ${file} in ${secs(ms)} s`);
  return file;
}

async function machineFacts(pandas: string | undefined): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll("SELECT version() AS v, current_setting('threads') AS t");
  const [duckdb, threads] = reader.getRows()[0]!.map(String);
  connection.closeSync();
  instance.closeSync();
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `${os.platform()} ${os.release()}; node ${process.version}; DuckDB ${duckdb} (${threads} threads, ` +
      `workspace memory_limit ${MEMORY_LIMIT}); pandas ${pandas ?? 'not installed'}`,
  );
}

/** DuckDB alone: the source loaded into a file database, then the hand-written query (best of 2). */
async function plainDuckDb(file: string, dir: string): Promise<{ ms: number; rows: number }> {
  const instance = await DuckDBInstance.create(path.join(dir, 'plain.duckdb'), {
    memory_limit: MEMORY_LIMIT,
  });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE src AS SELECT * FROM read_parquet('${file}')`);
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      await connection.run('DROP TABLE IF EXISTS out');
      times.push((await timed(() => connection.run(handWrittenSql('src', 'out')))).ms);
    }
    const rows = Number((await connection.runAndReadAll('SELECT count(*) FROM out')).getRows()[0]![0]);
    return { ms: Math.min(...times), rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function previews(engine: Engine, version: string): Promise<void> {
  console.log(`\nPreview (one step, on ${count(ROWS)} rows): median of 5 after one warm-up`);
  const cases: Array<[string, Recipe]> = [
    ...previewSteps.map((s): [string, Recipe] => [s.op, { steps: [s] }]),
    ['the 10-step recipe', tenStepRecipe],
  ];
  for (const [label, recipe] of cases) {
    try {
      const first = await timed(() => engine.client.call('clean.preview', { version, recipe, limit: 200 }));
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        times.push(
          (await timed(() => engine.client.call('clean.preview', { version, recipe, limit: 200 }))).ms,
        );
      }
      const p = first.value;
      console.log(
        `  ${label.padEnd(20)} ${median(times).toFixed(0).padStart(6)} ms   first ${first.ms.toFixed(0)} ms` +
          `   ${p.sampled ? `sampled ${count(p.sampleRows)} rows` : 'all rows'}   (target ≤ 300 ms: ` +
          `${(median(times) / 300).toFixed(2)}× of budget)`,
      );
    } catch (error) {
      console.log(`  ${label.padEnd(20)} failed: ${messageOf(error)}`);
    }
  }
}

/** The recipe applied as the engine's job twice (each makes a version); the better time. */
async function applyRecipe(engine: Engine, version: string): Promise<{ ms: number; result: DatasetVersion }> {
  let best: { ms: number; result: DatasetVersion } | undefined;
  for (let round = 0; round < 2; round++) {
    const { ms, value } = await timed(() =>
      runJob(engine.client, 'clean.apply', { version, recipe: tenStepRecipe, name: `clean_out_${round}` }),
    );
    if (!best || ms < best.ms) best = { ms, result: value.version };
  }
  return best!;
}

async function pandasComparison(
  python: string,
  engine: Engine,
  file: string,
  source: DatasetVersion,
  assayMs: number,
  dir: string,
): Promise<void> {
  const { code } = await engine.client.call('clean.code', {
    recipe: tenStepRecipe,
    version: source.id,
    language: 'pandas',
  });
  const csv = path.join(DATA_DIR, `clean-${ROWS}.csv`);
  if (!fs.existsSync(csv)) {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_parquet('${file}')) TO '${csv}.tmp' (HEADER, FORMAT csv)`);
    connection.closeSync();
    instance.closeSync();
    fs.renameSync(`${csv}.tmp`, csv);
  }
  const timing = timePandas(python, code, csv, source.columns, dir);
  if (typeof timing === 'string') {
    console.log(`  generated pandas    skipped: ${timing}`);
    return;
  }
  console.log(
    `  generated pandas    ${secs(timing.runSeconds * 1000)} s   ${count(timing.rows)} rows` +
      `   (reading the CSV first took ${secs(timing.readSeconds * 1000)} s, not counted)`,
  );
  console.log(
    `  pandas ÷ Assay      ${(timing.runSeconds / (assayMs / 1000)).toFixed(1)}×   (target ≥ 10× faster)`,
  );
}

async function main(): Promise<void> {
  const pandas = args.includes('--no-pandas') ? undefined : pythonWithPandas();
  await machineFacts(pandas && `${pandas.pandas} (${pandas.python})`);
  const file = await dataFile();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-bench-clean-'));
  const engine = await Engine.create({ workspaceDir: path.join(dir, 'ws'), mode: 'browser' });
  try {
    const imported = await timed(() =>
      runJob(engine.client, 'datasets.import', { paths: [file], name: 'clean_bench' }),
    );
    const source = imported.value;
    console.log(
      `\nclean_bench@${source.number}: ${count(source.rows)} rows × ${source.columns.length} columns ` +
        `(import ${secs(imported.ms)} s, not part of any figure)`,
    );
    await previews(engine, source.id);

    console.log(`\nApplying the 10-step recipe to ${count(ROWS)} rows`);
    const plain = await plainDuckDb(file, dir);
    console.log(
      `  hand-written SQL    ${secs(plain.ms)} s   ${count(plain.rows)} rows   (plain DuckDB CTAS, memory_limit ${MEMORY_LIMIT} as the workspace)`,
    );
    let assay: { ms: number; result: DatasetVersion };
    try {
      assay = await applyRecipe(engine, source.id);
    } catch (error) {
      console.log(`  Assay clean.apply   failed: ${messageOf(error)}`);
      return;
    }
    console.log(
      `  Assay clean.apply   ${secs(assay.ms)} s   ${count(assay.result.rows)} rows` +
        `${assay.result.rows === plain.rows ? '' : '   (row counts differ from the hand-written SQL!)'}`,
    );
    console.log(`  Assay ÷ DuckDB      ${(assay.ms / plain.ms).toFixed(2)}   (target ≤ 1.10)`);
    if (pandas) await pandasComparison(pandas.python, engine, file, source, assay.ms, dir);
    else console.log('  generated pandas    skipped: python3 has no pandas (apt install python3-pandas)');
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
