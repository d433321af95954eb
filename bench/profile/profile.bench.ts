/**
 * Profiling benchmark against its targets: a generated 1M-row × 31-column CSV (numbers with
 * NULLs, two categoricals, a 0/1 label) profiled with associations in ≤ 3 s, and the 3M-row
 * flights parquet in ≤ 2 s, each under 2 GB RSS. Loading into DuckDB is timed separately;
 * each profile stage's seconds come from the profile's own timings. The data is generated
 * by DuckDB from a hash of the row number, so every run sees the same bytes.
 *
 *   node --import tsx bench/profile/profile.bench.ts [--rows N] [--only csv|flights]
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { computeProfile } from '../../electron/engine/profile/compute-profile';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.join(root, 'bench', '.data');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(flag('--rows') ?? 1_000_000);
const only = flag('--only');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** 28 numeric columns of four shapes (rounded uniform, trending, exponential, normal), NULLs 0–8%. */
function generatorSql(rows: number, file: string): string {
  const u = (k: number): string => `((hash(i * 97 + ${k}) % 1000003)::DOUBLE / 1000003.0)`;
  const cols: string[] = [];
  for (let k = 0; k < 28; k++) {
    let e: string;
    if (k % 4 === 0) e = `round(${u(k)} * 1000)::INTEGER`;
    else if (k % 4 === 1) e = `(${u(k)} - 0.5) * 100 + i / 50000.0`;
    else if (k % 4 === 2) e = `-ln(${u(k)} + 1e-9) * 10`;
    else e = `sqrt(-2 * ln(${u(k)} + 1e-12)) * cos(2 * pi() * ${u(k + 100)})`;
    cols.push(`CASE WHEN ${u(k + 1000)} < ${(k % 5) * 0.02} THEN NULL ELSE ${e} END AS x${k}`);
  }
  cols.push(`['red', 'green', 'blue', 'amber', 'violet'][1 + (hash(i * 7 + 1) % 5)::INTEGER] AS colour`);
  cols.push(`'city_' || (hash(i * 7 + 2) % 200)::VARCHAR AS city`);
  cols.push(`CASE WHEN ${u(3000)} < 0.3 + 0.2 * (x3 > 0)::INTEGER THEN 1 ELSE 0 END AS label`);
  return (
    `COPY (SELECT * EXCLUDE (i) FROM (SELECT i, ${cols.slice(0, 28).join(', ')} FROM range(${rows}) r(i)) ` +
    `CROSS JOIN LATERAL (SELECT ${cols.slice(28).join(', ')})) TO '${file}' (HEADER)`
  );
}

async function run(
  instance: DuckDBInstance,
  conn: DuckDBConnection,
  label: string,
  loadSql: string,
  target: string,
  budgetSeconds: number,
): Promise<void> {
  await conn.run('DROP TABLE IF EXISTS bench');
  let t0 = performance.now();
  await conn.run(loadSql);
  const loadMs = performance.now() - t0;
  peakRss = process.memoryUsage().rss;
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
  console.log(`  peak RSS             ${(peakRss / 2 ** 20).toFixed(0)} MiB (target ≤ 2048 MiB)`);
  console.log(
    `  alerts ${profile.alerts.length}, associations on ${profile.associations.sample.rows.toLocaleString('en-US')} rows` +
      `, quantiles ${profile.columns.find((c) => c.numeric)?.numeric?.quantileMethod ?? 'n/a'}`,
  );
}

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
try {
  if (only !== 'flights') {
    mkdirSync(dataDir, { recursive: true });
    const csv = path.join(dataDir, `profile-${ROWS}x31.csv`);
    if (!existsSync(csv)) {
      const t0 = performance.now();
      await conn.run(generatorSql(ROWS, csv));
      console.log(`generated ${csv} in ${seconds(performance.now() - t0)} s`);
    }
    await run(
      instance,
      conn,
      'Generated CSV',
      `CREATE TABLE bench AS SELECT * FROM read_csv('${csv}')`,
      'label',
      3,
    );
  }
  if (only !== 'csv') {
    const parquet = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
    if (existsSync(parquet)) {
      await run(
        instance,
        conn,
        'flights-3m.parquet',
        `CREATE TABLE bench AS SELECT * FROM read_parquet('${parquet}')`,
        'delay',
        2,
      );
    } else {
      console.log(`\nflights-3m.parquet not found at ${parquet}; skipped.`);
    }
  }
} finally {
  clearInterval(sampler);
  conn.closeSync();
  instance.closeSync();
}
