/**
 * Prediction micro-benchmark (not a test): fits (or loads a cached) GBDT on the train
 * benchmark's data (smaller training set), then times prediction on 200k test rows with
 * the reference tree walker and the compiled predictor, and checks they agree bit for bit;
 * then reads the model back from disk as prediction does (prepareModel at load) and prints
 * its first batch's rate beside the warm rate and the target (docs/architecture.md).
 * Run: node --import tsx bench/train/predict.bench.ts [--train N]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ensembleScores,
  ensembleScoresReference,
  scoresToOutput,
} from '../../electron/engine/training/learners/gbdt/tree-ensemble';
import {
  deserializeModel,
  fitModel,
  predictSync,
  prepareModel,
  serializeModel,
} from '../../electron/engine/training/model';
import { transform } from '../../electron/engine/training/preprocess/pipeline';
import { takeAll, takeValues } from '../../electron/engine/training/rows';
import { syntheticBinary } from '../../electron/testing/synthetic';

const args = process.argv.slice(2);
const trainArg = args.indexOf('--train');
const nTrain = trainArg >= 0 ? Number(args[trainArg + 1]) : 200_000;
const nTest = 200_000;
const rows = nTrain + nTest;
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '..', '.data');
const data = syntheticBinary({
  rows,
  numeric: 28,
  informative: 8,
  redundant: 6,
  categorical: 2,
  flip: 0.05,
  seed: 2024,
});
const y = (data.target as { values: Float64Array }).values;
const trainIdx = Uint32Array.from({ length: nTrain }, (_, i) => i);
const testIdx = Uint32Array.from({ length: nTest }, (_, i) => nTrain + i);
const cache = path.join(dataDir, `predict-bench-model-${nTrain}.json`);
let model;
if (existsSync(cache)) model = deserializeModel(JSON.parse(readFileSync(cache, 'utf8')));
else {
  const f0 = performance.now();
  ({ model } = await fitModel(
    'gbdt',
    {
      columns: takeAll(data.columns, trainIdx),
      y: takeValues(y, trainIdx),
      task: 'binary',
      classes: ['0', '1'],
      target: 'label',
    },
    {
      n_estimators: 200,
      max_leaves: 31,
      learning_rate: 0.1,
      max_bins: 255,
      reg_lambda: 1,
      min_child_weight: 1e-3,
      min_child_samples: 1,
    },
  ));
  console.log(`fit ${((performance.now() - f0) / 1000).toFixed(1)} s`);
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  writeFileSync(cache, JSON.stringify(serializeModel(model)));
}
const test = takeAll(data.columns, testIdx);
const est = model.estimator;
if (est.kind !== 'trees') throw new Error('expected trees');
const time = (label: string, fn: () => unknown): void => {
  const t = performance.now();
  fn();
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(28)} ${(s * 1000).toFixed(1).padStart(8)} ms  ${Math.round(nTest / s)
      .toLocaleString('en')
      .padStart(11)} rows/s`,
  );
};
let X = transform(model.pipeline, test);
time('transform', () => (X = transform(model.pipeline, test)));
let ref: Float64Array = new Float64Array(0);
time('reference scores', () => (ref = ensembleScoresReference(est.ensemble, X, nTest)));
for (let rep = 0; rep < 3; rep++) {
  let fast: Float64Array = new Float64Array(0);
  time(`compiled scores (run ${rep + 1})`, () => (fast = ensembleScores(est.ensemble, X, nTest)));
  let same = fast.length === ref.length;
  for (let i = 0; same && i < ref.length; i++) if (!Object.is(fast[i], ref[i])) same = false;
  console.log(`  identical: ${same}`);
}
const rate = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return nTest / ((performance.now() - t) / 1000);
};
const unprepared = rate(() => predictSync(deserializeModel(serializeModel(model)), test));
// A model read from disk as prediction reads it: parse, decode, prepare (compile once at load).
const file = path.join(dataDir, `predict-bench-model-${nTrain}.json`);
const l0 = performance.now();
const loaded = deserializeModel(JSON.parse(readFileSync(file, 'utf8')));
prepareModel(loaded, nTest);
const loadMs = performance.now() - l0;
let p1: Float64Array = new Float64Array(0);
const cold = rate(() => {
  const p = predictSync(loaded, test);
  p1 = p.task === 'regression' ? p.values : p.proba;
});
const pr = scoresToOutput(est.ensemble, ref, nTest);
const same = p1.length === pr.length && p1.every((v, i) => Object.is(v, pr[i]));
const warm = Math.max(
  rate(() => predictSync(loaded, test)),
  rate(() => predictSync(loaded, test)),
);
const fmt = (r: number): string => Math.round(r).toLocaleString('en').padStart(11);
console.log(
  `first batch, unprepared model   ${fmt(unprepared)} rows/s (what a load without prepareModel gives)`,
);
console.log(`load from disk + prepareModel   ${loadMs.toFixed(1).padStart(8)} ms`);
console.log(
  `first batch after load          ${fmt(cold)} rows/s (target ≥ 1,000,000; ${(cold / warm).toFixed(2)} of warm)  identical: ${same}`,
);
console.log(`warm batch                      ${fmt(warm)} rows/s`);
console.log(
  `load: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs`,
);
process.exit(0);
