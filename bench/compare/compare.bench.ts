/**
 * "Compare all algorithms" on small tables (not a test): each of the five families runs
 * as the training job runs it (a fresh training worker, 5-fold CV, the refit on all
 * rows, diagnostics and permutation importance), and scikit-learn fits its same five
 * families with their defaults on the same folds, in the same run. Prints wall time and
 * accuracy (R² for regression) per family, the totals and the ratios; docs/architecture.md
 * ("Inside the training capability") says what the targets are. The datasets are scikit-learn's bundled
 * ones, exported by /usr/bin/python3 into bench/.data/ (ignored). The training worker is
 * the built one (scripts/build.mjs runs first), as the app and the CLI start it: started
 * from source, tsx compiles its modules on the fly and each worker took ~0.3 s longer
 * to start; `--from-source` measures that way instead.
 * Run: node --import tsx bench/compare/compare.bench.ts [--datasets digits,wine,…]
 * [--families gbdt,mlp,…] [--skip-sklearn] [--from-source]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeTarget } from '../../electron/engine/training/task';
import { trainInWorker } from '../../electron/engine/training/train-in-worker';
import type { AlgorithmId, Task, TrainJob } from '../../electron/engine/training/types';
import { makeFolds } from '../../electron/engine/training/validation';
import { readSklearnCsv, SKLEARN_TASKS } from './sklearn-data';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const datasets = (opt('--datasets') ?? 'digits').split(',');
const onlyFamilies = opt('--families')?.split(',');
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '..', '.data');
const python = '/usr/bin/python3';
const reference = path.join(here, 'sklearn_reference.py');
const root = path.join(here, '..', '..');
const fromSource = args.includes('--from-source');
const builtWorker = pathToFileURL(path.join(root, 'dist', 'node', 'worker', 'train-worker.js'));
const SEED = 42;
const FOLDS = 5;
/** Within this many points of scikit-learn's score per family (docs/architecture.md). */
const SCORE_TOLERANCE = 0.005;

const haveSklearn =
  !args.includes('--skip-sklearn') &&
  spawnSync(python, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
if (!haveSklearn && !args.includes('--skip-sklearn'))
  console.log('scikit-learn: /usr/bin/python3 has no sklearn (apt-get install -y python3-sklearn).');
console.log(
  `load: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs`,
);

if (!fromSource) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the build failed: ${built.stderr}`);
}
for (const name of datasets) await compareOn(name);
process.exit(0);

async function compareOn(name: string): Promise<void> {
  const task = SKLEARN_TASKS[name];
  if (!task) throw new Error(`unknown dataset ${name}; choose from ${Object.keys(SKLEARN_TASKS).join(', ')}`);
  const csv = path.join(dataDir, `sklearn-${name}.csv`);
  if (!existsSync(csv)) {
    if (!haveSklearn) {
      console.log(`${name}: needs scikit-learn to export the data; skipped.`);
      return;
    }
    mkdirSync(dataDir, { recursive: true });
    const out = spawnSync(python, [reference, 'export', name, csv], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`exporting ${name} failed: ${out.stderr}`);
  }
  const data = readSklearnCsv(csv);
  const n = data.target.kind === 'numeric' ? data.target.values.length : 0;
  const y = encodeTarget(data.target, task).y;
  const folds = makeFolds(
    { kind: 'kfold', folds: FOLDS },
    Uint32Array.from({ length: n }, (_, i) => i),
    y,
    task,
    data.columns,
    SEED,
  );
  const foldOf = new Int32Array(n);
  folds.forEach((f, k) => f.valid.forEach((r) => (foldOf[r] = k)));
  const foldsFile = path.join(dataDir, `sklearn-${name}-folds.csv`);
  writeFileSync(foldsFile, Array.from(foldOf).join('\n'));
  const families: AlgorithmId[] = [
    'gbdt',
    'random_forest',
    'extra_trees',
    task === 'regression' ? 'linear_regression' : 'logistic_regression',
    'mlp',
  ].filter((f) => !onlyFamilies || onlyFamilies.includes(f)) as AlgorithmId[];
  const metric = task === 'regression' ? 'r2' : 'accuracy';
  console.log(
    `\n${name}: ${n} rows × ${data.columns.length} features, ${task}, ${FOLDS}-fold CV (same folds both sides); ${metric}`,
  );
  const ours: Record<string, { wall: number; fit: number; score: number; backend?: string }> = {};
  for (const algorithm of families) {
    const t0 = performance.now();
    const job: TrainJob = {
      data,
      algorithm,
      params: { seed: SEED },
      task,
      validation: { kind: 'kfold', folds: FOLDS },
    };
    const r = await trainInWorker(job, {
      transfer: false,
      ...(fromSource ? {} : { workerUrl: builtWorker }),
    });
    ours[algorithm] = {
      wall: (performance.now() - t0) / 1000,
      fit: r.fitSeconds,
      score: r.metrics[metric] ?? NaN,
      ...(r.backend ? { backend: r.backend } : {}),
    };
  }
  const ref = haveSklearn ? sklearnReference(csv, foldsFile, task, families) : null;
  printTable(families, ours, ref, metric);
}

type Reference = { version: string; families: Record<string, { wall_s: number; score: number }> };

function sklearnReference(
  csv: string,
  foldsFile: string,
  task: Task,
  families: AlgorithmId[],
): Reference | null {
  // scikit-learn gets as many threads as we do, waiting as OpenMP does by default. On
  // this 2-core machine, quiet, HGB on digits fit in 1.5 s so; told to wait passively it
  // took 15 s (it sleeps and wakes for every small parallel loop). On a loaded machine
  // spinning threads took thousands of seconds instead: run it quiet, or set
  // OMP_WAIT_POLICY=PASSIVE and read its time as an upper bound.
  const out = spawnSync(python, [reference, 'run', csv, foldsFile, task, families.join(',')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? String(os.availableParallelism()),
    },
  });
  if (out.status !== 0) {
    console.log(`scikit-learn reference failed: ${out.stderr.trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as Reference;
}

function printTable(
  families: AlgorithmId[],
  ours: Record<string, { wall: number; fit: number; score: number; backend?: string }>,
  ref: Reference | null,
  metric: string,
): void {
  const skName = ref ? `sklearn ${ref.version}` : 'sklearn';
  console.log(
    `${'family'.padEnd(20)} ${'ours wall s'.padStart(11)} ${'fit s/fold'.padStart(10)} ${`ours ${metric}`.padStart(13)} ${`${skName} s`.padStart(16)} ${`sk ${metric}`.padStart(11)} ${'time ×'.padStart(7)} ${'Δ points'.padStart(9)}`,
  );
  let oursTotal = 0;
  let skTotal = 0;
  let worst = Infinity;
  for (const f of families) {
    const o = ours[f]!;
    const s = ref?.families[f];
    oursTotal += o.wall;
    skTotal += s?.wall_s ?? 0;
    const diff = s ? (o.score - s.score) * 100 : NaN;
    if (s) worst = Math.min(worst, diff);
    console.log(
      `${f.padEnd(20)} ${o.wall.toFixed(2).padStart(11)} ${o.fit.toFixed(3).padStart(10)} ${o.score.toFixed(4).padStart(13)} ${(s ? s.wall_s.toFixed(2) : '—').padStart(16)} ${(s ? s.score.toFixed(4) : '—').padStart(11)} ${(s ? (o.wall / s.wall_s).toFixed(2) : '—').padStart(7)} ${(s ? diff.toFixed(2) : '—').padStart(9)}${o.backend ? `  (backend: ${o.backend})` : ''}`,
    );
  }
  console.log(
    `${'total'.padEnd(20)} ${oursTotal.toFixed(2).padStart(11)} ${''.padStart(10)} ${''.padStart(13)} ${(ref ? skTotal.toFixed(2) : '—').padStart(16)}`,
  );
  if (ref)
    console.log(
      `total time ours/sklearn: ${(oursTotal / skTotal).toFixed(2)} (target < 1); worst family ${metric} difference: ${worst.toFixed(2)} points (target ≥ ${-SCORE_TOLERANCE * 100}). Ours includes a worker start, the refit on all rows, diagnostics and permutation importance per family; fit s/fold is one fold's fit.`,
    );
}
