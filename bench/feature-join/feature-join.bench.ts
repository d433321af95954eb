/**
 * Point-in-time join benchmark (issue 12): labels joined with two feature sets of as many
 * rows each through the engine's `featureSets.join` job (DuckDB's ASOF JOIN, one set with
 * a 30-day ttl, one without), beside pandas' merge_asof on the same rows in the same run.
 * Targets: 10M label rows and two 10M-row sets in ≤ 10 s, and ≥ 10× faster than pandas.
 * Figures and ratios are printed, never asserted: both sides' wall and CPU seconds, their
 * ratios and the load, since the machine is shared and CPU seconds compare better than
 * wall. The default is 1M rows for a quick run; --full runs the issue's 10M; --explain
 * prints DuckDB's EXPLAIN ANALYZE of the join's statement (from the version's lineage).
 *
 *   node --import tsx bench/feature-join/feature-join.bench.ts [--full | --rows N] [--no-pandas] [--explain]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runJob } from '../../shared/run-job';
import { Engine } from '../../electron/engine/index';
import { pythonWithPandas } from '../clean/pandas-timing';
import { joinData } from './feature-join-data';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const FULL = 10_000_000;
const ROWS = args.includes('--full') ? FULL : Number(flag('--rows') ?? 1_000_000);
if (!Number.isInteger(ROWS) || ROWS < 1) {
  console.error(`--rows must be a positive whole number, not "${flag('--rows')}".`);
  process.exit(2);
}
const TTL = '30d';
const secs = (ms: number): string => (ms / 1000).toFixed(2);
const count = (n: number): string => n.toLocaleString('en-US');

/** Wall time, and CPU time of the whole process (DuckDB's threads included): the machine is shared. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

const loads = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** DuckDB's EXPLAIN ANALYZE of the statement that wrote `version` (its lineage's SQL). */
async function explain(engine: Engine, version: string): Promise<void> {
  const { lineage } = await engine.call('datasets.version', { version });
  if (lineage.kind !== 'sql') return;
  const reader = await engine.workspace.connection.runAndReadAll(`EXPLAIN ANALYZE ${lineage.sql}`);
  for (const row of reader.getRowsJS()) console.log(String(row[1]));
}

async function prepare(engine: Engine, files: Awaited<ReturnType<typeof joinData>>): Promise<void> {
  const imports = await timed(async () => {
    for (const [name, file] of [
      ['labels', files.labels],
      ['events_a', files.sets[0]],
      ['events_b', files.sets[1]],
    ] as const) {
      await runJob(engine.client, 'datasets.import', { paths: [file], name });
    }
  });
  console.log(`imported labels and two feature tables (${count(ROWS)} rows each) in ${secs(imports.ms)} s`);
  for (const [name, dataset, ttl] of [
    ['set_a', 'events_a', TTL],
    ['set_b', 'events_b', undefined],
  ] as const) {
    const created = await timed(() =>
      runJob(engine.client, 'featureSets.create', {
        name,
        dataset,
        entity: ['user'],
        timeColumn: 'ts',
        ...(ttl ? { ttl } : {}),
      }),
    );
    const v = created.value;
    console.log(
      `featureset create ${name}: ${count(v.rows)} rows, ${v.tiedRows} tied, ttl ${v.ttl ?? 'none'} in ${secs(created.ms)} s`,
    );
  }
}

/** pandas' wall and CPU seconds for the same join, or null when it did not run. */
function pandasRun(files: Awaited<ReturnType<typeof joinData>>): { wall: number; cpu: number } | null {
  const found = args.includes('--no-pandas') ? undefined : pythonWithPandas();
  if (!found) {
    console.log('pandas: skipped (--no-pandas, or no python3 with pandas)');
    return null;
  }
  const script = path.resolve('bench/feature-join/pandas_merge_asof.py');
  const result = spawnSync(found.python, [script, files.csv.labels, ...files.csv.sets, TTL], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.log(`pandas: failed — ${result.stderr.trim().split('\n').at(-1) ?? ''}`);
    return null;
  }
  const p = JSON.parse(result.stdout) as {
    readSeconds: number;
    runSeconds: number;
    cpuSeconds: number;
    matched: number[];
    pandas: string;
  };
  console.log(
    `pandas ${p.pandas} merge_asof ×2 (sorts included, CSV read of ${p.readSeconds.toFixed(1)} s not): ${p.runSeconds.toFixed(2)} s wall, ${p.cpuSeconds.toFixed(2)} s CPU; matched ${p.matched.map(count).join(', ')}`,
  );
  return { wall: p.runSeconds, cpu: p.cpuSeconds };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `point-in-time join, ${count(ROWS)} label rows × 2 sets of ${count(ROWS)} rows` +
      (ROWS === FULL ? " (the issue's full size)" : ` (quick size; --full for ${count(FULL)})`),
  );
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}; workspace memory_limit ${process.env.ASSAY_MEMORY_LIMIT?.trim() || '1GB'} (ASSAY_MEMORY_LIMIT); load ${loads()}`,
  );
  const files = await joinData(path.resolve('bench/.data'), ROWS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-bench-join-'));
  const engine = await Engine.create({ workspaceDir: dir, mode: 'browser' });
  try {
    await prepare(engine, files);
    const join = await timed(() =>
      runJob(engine.client, 'featureSets.join', {
        labels: 'labels',
        entity: ['user'],
        timeColumn: 'ts',
        sets: [{ name: 'set_a' }, { name: 'set_b' }],
        name: 'training',
      }),
    );
    const r = join.value;
    console.log(
      `assay featureSets.join: ${secs(join.ms)} s wall, ${secs(join.cpuMs)} s CPU (target ≤ 10 s at ${count(FULL)}) → ${r.label}, ${count(r.rows)} rows, ${r.columns} columns; ` +
        `matched ${r.sets.map((s) => `${s.name} ${count(s.matchedRows)} (${(s.matchedShare * 100).toFixed(1)}%)`).join(', ')}`,
    );
    if (args.includes('--explain')) await explain(engine, r.version);
    const pandasSeconds = pandasRun(files);
    console.log(`summary (${count(ROWS)} rows, load ${loads()}):`);
    console.log(`  assay  ${secs(join.ms).padStart(8)} s wall ${secs(join.cpuMs).padStart(8)} s CPU`);
    if (pandasSeconds !== null) {
      const [wall, cpu] = [pandasSeconds.wall, pandasSeconds.cpu];
      console.log(`  pandas ${wall.toFixed(2).padStart(8)} s wall ${cpu.toFixed(2).padStart(8)} s CPU`);
      console.log(
        `  ratio pandas / assay: ${(wall / (join.ms / 1000)).toFixed(1)}× wall, ${(cpu / (join.cpuMs / 1000)).toFixed(1)}× CPU (target ≥ 10×)`,
      );
    }
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
