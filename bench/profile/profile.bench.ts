/**
 * Profiling benchmark against its targets (see docs/architecture.md, "Inside the profile capability"):
 * two generated 1M-row × 31-column CSVs (bench-data.ts) — the original mixed case, profiled
 * with associations in ≤ 3 s, and the near-unique shape (28 float columns with about one
 * distinct value per row) — and the 3M-row flights parquet in ≤ 2 s, each under 2 GB RSS.
 * Loading into DuckDB is timed apart; each stage's seconds come from the profile's own
 * timings. For each CSV, pandas (Debian's python3-pandas) computes the same statistics on
 * the same file in the same run (pandas-baseline.ts): its time, the speed-up over it, and
 * any statistic that differs from pandas' are printed with the load average.
 *
 *   node --import tsx bench/profile/profile.bench.ts [--rows N] [--only csv|near-unique|flights] [--no-pandas]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { computeProfile } from '../../electron/engine/profile/compute-profile';
import type { Profile } from '../../shared/profile';
import { type Shape, generatorSql } from './bench-data';
import { compareWithPandas, runPandas } from './pandas-baseline';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.join(root, 'bench', '.data');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(flag('--rows') ?? 1_000_000);
const only = flag('--only');
const withPandas = !args.includes('--no-pandas');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function profileOnce(
  instance: DuckDBInstance,
  conn: DuckDBConnection,
  label: string,
  loadSql: string,
  target: string,
  budgetSeconds: number,
): Promise<{ profile: Profile; totalMs: number }> {
  await conn.run('DROP TABLE IF EXISTS bench');
  let t0 = performance.now();
  await conn.run(loadSql);
  const loadMs = performance.now() - t0;
  peakRss = process.memoryUsage().rss;
  const loadBefore = load();
  t0 = performance.now();
  // A second connection lets independent per-column statements overlap (as the app does).
  const profile = await computeProfile(conn, 'bench', { target, connect: () => instance.connect() });
  const totalMs = performance.now() - t0;
  console.log(
    `\n${label}: ${profile.overview.rows.toLocaleString('en-US')} rows × ${profile.overview.columns} columns`,
  );
  console.log(`  load into DuckDB      ${seconds(loadMs)} s (not part of the profile)`);
  for (const { stage, ms } of profile.timings) console.log(`  ${stage.padEnd(20)} ${seconds(ms)} s`);
  console.log(
    '  (the association sample and matrices run alongside the value counts and later stages;\n' +
      '   "associations" is only the wait left after those)',
  );
  console.log(
    `  total profile        ${seconds(totalMs)} s   (target ≤ ${budgetSeconds} s: ${(totalMs / 1000 / budgetSeconds).toFixed(2)}× of budget)`,
  );
  console.log(`  load average         ${loadBefore} before, ${load()} after`);
  console.log(`  peak RSS             ${(peakRss / 2 ** 20).toFixed(0)} MiB (target ≤ 2048 MiB)`);
  console.log(
    `  alerts ${profile.alerts.length}, associations on ${profile.associations.sample.rows.toLocaleString('en-US')} rows` +
      `, quantiles ${profile.columns.find((c) => c.numeric)?.numeric?.quantileMethod ?? 'n/a'}`,
  );
  return { profile, totalMs };
}

/** pandas on the same CSV: its time, the speed-up, and any statistic that differs. */
function againstPandas(csv: string, profile: Profile, totalMs: number, target: number): void {
  if (!withPandas) return;
  const loadBefore = load();
  const pandas = runPandas(csv);
  if (typeof pandas === 'string') {
    console.log(`  ${pandas}`);
    return;
  }
  const speedUp = pandas.statsSeconds / (totalMs / 1000);
  console.log(
    `  pandas               ${pandas.statsSeconds.toFixed(2)} s for describe, nunique, value_counts, histograms,` +
      ` Pearson, Spearman (read_csv ${pandas.readSeconds.toFixed(2)} s apart; load ${loadBefore} before, ${load()} after)`,
  );
  console.log(`  speed-up over pandas ${speedUp.toFixed(1)}×   (target ≥ ${target}×)`);
  const differences = compareWithPandas(profile, pandas);
  console.log(
    differences.length === 0
      ? "  statistics           mean, std, min, max, distinct and missing equal pandas' for every column"
      : `  statistics differ from pandas':\n    ${differences.join('\n    ')}`,
  );
}

async function csvCase(
  instance: DuckDBInstance,
  conn: DuckDBConnection,
  shape: Shape,
  label: string,
  pandasTarget: number,
): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const name = shape === 'mixed' ? `profile-${ROWS}x31.csv` : `profile-near-unique-${ROWS}x31.csv`;
  const csv = path.join(dataDir, name);
  if (!existsSync(csv)) {
    const t0 = performance.now();
    await conn.run(generatorSql(shape, ROWS, csv));
    console.log(`generated ${csv} in ${seconds(performance.now() - t0)} s`);
  }
  const loadSql = `CREATE TABLE bench AS SELECT * FROM read_csv('${csv}')`;
  const { profile, totalMs } = await profileOnce(instance, conn, label, loadSql, 'label', 3);
  againstPandas(csv, profile, totalMs, pandasTarget);
}

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
try {
  if (!only || only === 'csv') await csvCase(instance, conn, 'mixed', 'Generated CSV', 10);
  if (!only || only === 'near-unique') {
    await csvCase(instance, conn, 'near-unique', 'Near-unique CSV (28 float columns)', 10);
  }
  if (!only || only === 'flights') {
    const parquet = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
    if (existsSync(parquet)) {
      const loadSql = `CREATE TABLE bench AS SELECT * FROM read_parquet('${parquet}')`;
      await profileOnce(instance, conn, 'flights-3m.parquet', loadSql, 'delay', 2);
    } else {
      console.log(`\nflights-3m.parquet not found at ${parquet}; skipped.`);
    }
  }
} finally {
  clearInterval(sampler);
  conn.closeSync();
  instance.closeSync();
}
