/**
 * Training benchmark (not a test): a generated binary task, 80/20 holdout, our histogram
 * GBDT against XGBoost hist with the same params in the same run, plus the MLP and
 * logistic regression. Run: node --import tsx bench/train/train.bench.ts [--rows N]
 * [--skip-mlp] [--skip-xgb]. The data file for XGBoost goes to bench/.data/ (ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastFitPhases } from '../../electron/engine/training/learners/gbdt/phase-clock';
import { rankCurves } from '../../electron/engine/training/metrics/classification';
import {
  fitModel,
  predict,
  predictSync,
  prepareModel,
  type FitData,
} from '../../electron/engine/training/model';
import { takeAll, takeValues } from '../../electron/engine/training/rows';
import { syntheticBinary } from '../../electron/testing/synthetic';
import type { AlgorithmId, Column, Prediction, TrainParams } from '../../electron/engine/training/types';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const rowsArg = args.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '..', '.data');

const t0 = performance.now();
const data = syntheticBinary({
  rows,
  numeric: 28,
  informative: 8,
  redundant: 6,
  categorical: 2,
  flip: 0.05,
  seed: 2024,
});
const nTrain = Math.floor(rows * 0.8);
const trainIdx = Uint32Array.from({ length: nTrain }, (_, i) => i);
const testIdx = Uint32Array.from({ length: rows - nTrain }, (_, i) => nTrain + i);
const y = (data.target as { values: Float64Array }).values;
const train: FitData = {
  columns: takeAll(data.columns, trainIdx),
  y: takeValues(y, trainIdx),
  task: 'binary',
  classes: ['0', '1'],
  target: 'label',
};
const test = { columns: takeAll(data.columns, testIdx), y: takeValues(y, testIdx) };
console.log(
  `data: ${rows} rows × ${data.columns.length} features (28 numeric, 2 categorical), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

function auc(p: Prediction): number {
  if (p.task === 'regression') return NaN;
  const s = Float64Array.from({ length: test.y.length }, (_, i) => p.proba[2 * i + 1]);
  return rankCurves(s, Uint8Array.from(test.y))?.auc ?? NaN;
}

async function run(
  label: string,
  algorithm: AlgorithmId,
  params: TrainParams,
): Promise<{ fit: number; auc: number }> {
  const f0 = performance.now();
  const { model, backend } = await fitModel(algorithm, train, params);
  const fit = (performance.now() - f0) / 1000;
  // Tree models compile for prediction apart from the fit (docs/architecture.md); timed apart.
  const c0 = performance.now();
  prepareModel(model, test.y.length);
  const compileS = (performance.now() - c0) / 1000;
  const p0 = performance.now();
  const pred = algorithm === 'mlp' ? await predict(model, test.columns) : predictSync(model, test.columns);
  const predS = (performance.now() - p0) / 1000;
  const a = auc(pred);
  console.log(
    `${label.padEnd(20)} fit ${fit.toFixed(2).padStart(7)} s  ${Math.round(nTrain / fit)
      .toLocaleString('en')
      .padStart(10)} rows/s  AUC ${a.toFixed(4)}  predict ${Math.round(test.y.length / predS)
      .toLocaleString('en')
      .padStart(
        11,
      )} rows/s${compileS >= 0.01 ? ` (after ${compileS.toFixed(2)} s compiling)` : ''}${backend ? `  backend ${backend}` : ''}`,
  );
  return { fit, auc: a };
}

const gbdt = await run('GBDT (ours)', 'gbdt', {
  n_estimators: 200,
  max_leaves: 31,
  learning_rate: 0.1,
  max_bins: 255,
  reg_lambda: 1,
  min_child_weight: 1e-3,
  min_child_samples: 1,
});
const rssAfterGbdt = process.resourceUsage().maxRSS / 1024;
printPhases(gbdt.fit);

if (!flag('--skip-xgb')) {
  const xgbOk =
    spawnSync('/usr/bin/python3', ['-c', 'import xgboost, sklearn'], { encoding: 'utf8' }).status === 0;
  if (!xgbOk)
    console.log(
      'xgboost reference: /usr/bin/python3 has no xgboost/sklearn (apt-get install -y python3-xgboost python3-sklearn); our figures stand alone.',
    );
  else {
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, `train-bench-${rows}.f32`);
    writeMatrix(file, [...train.columns, ...[]], test.columns, train.y, test.y);
    const out = spawnSync(
      '/usr/bin/python3',
      [
        path.join(here, 'xgb_reference.py'),
        file,
        String(nTrain),
        String(rows - nTrain),
        String(data.columns.length),
        '2',
      ],
      { encoding: 'utf8' },
    );
    if (out.status !== 0) console.log(`xgboost reference failed: ${out.stderr.trim().split('\n').pop()}`);
    else {
      const ref = JSON.parse(out.stdout.trim().split('\n').pop() as string) as {
        version: string;
        fit_s: number;
        auc: number;
        predict_rows_per_s: number;
      };
      console.log(
        `${`XGBoost ${ref.version} hist`.padEnd(20)} fit ${ref.fit_s.toFixed(2).padStart(7)} s  ${Math.round(
          nTrain / ref.fit_s,
        )
          .toLocaleString('en')
          .padStart(
            10,
          )} rows/s  AUC ${ref.auc.toFixed(4)}  predict ${Math.round(ref.predict_rows_per_s).toLocaleString('en').padStart(11)} rows/s  (nthread=2)`,
      );
      console.log(
        `GBDT fit-time ratio ours/xgboost: ${(gbdt.fit / ref.fit_s).toFixed(2)} (target ≤ 1.5); AUC difference ours − xgboost: ${(gbdt.auc - ref.auc).toFixed(4)} (target ≥ −0.003)`,
      );
    }
  }
}
if (!flag('--skip-mlp'))
  await run('MLP 256-128, 3 ep', 'mlp', {
    hidden_layers: [256, 128],
    epochs: 3,
    batch_size: 512,
    early_stopping_rounds: 0,
    dropout: 0,
    learning_rate: 0.001,
  });
await run('Logistic regression', 'logistic_regression', {});
console.log(
  `peak RSS: after GBDT ${Math.round(rssAfterGbdt)} MiB, whole run ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (target ≤ 2048)`,
);

/** Seconds per phase of the GBDT fit (main thread's view; "other" is preprocessing and bookkeeping). */
function printPhases(fit: number): void {
  const phases = Object.entries(lastFitPhases());
  const other = fit - phases.reduce((s, [, v]) => s + v, 0);
  const cells = [...phases, ['other', other] as const].map(
    ([name, v]) => `${name} ${v.toFixed(2)} s (${Math.round((100 * v) / fit)}%)`,
  );
  console.log(`GBDT phases: ${cells.join(', ')}`);
}

/** Row-major float32 features (train rows then test rows), then all labels: what xgb_reference.py reads. */
function writeMatrix(
  file: string,
  trainCols: Column[],
  testCols: Column[],
  yTrain: Float64Array,
  yTest: Float64Array,
): void {
  const d = trainCols.length;
  const nTr = yTrain.length;
  const n = nTr + yTest.length;
  const buf = new Float32Array(n * d + n);
  const put = (cols: Column[], offset: number, m: number): void => {
    cols.forEach((c, f) => {
      for (let i = 0; i < m; i++)
        buf[(offset + i) * d + f] =
          c.kind === 'categorical' ? (c.codes[i] < 0 ? NaN : c.codes[i]) : c.values[i];
    });
  };
  put(trainCols, 0, nTr);
  put(testCols, nTr, yTest.length);
  buf.set(yTrain, n * d);
  buf.set(yTest, n * d + nTr);
  writeFileSync(file, new Uint8Array(buf.buffer));
}
