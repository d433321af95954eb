/**
 * Times the MLP learner's own fits on one of scikit-learn's datasets outside the worker
 * (not a test): the five folds of compare.bench.ts and the refit, each with the 10% of
 * its rows train-session.ts holds out for early stopping, with epochs run, the best
 * epoch, time per epoch and the fold's score, so seeds and params can be compared.
 * Run: node --import tsx bench/mlp/profile-fit.ts [dataset] ['{"seed":1,...}']
 * (NOREFIT=1 skips the refit; the dataset must have been exported by bench/compare).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitModel, predict } from '../../electron/engine/training/model';
import { encodeTarget } from '../../electron/engine/training/task';
import type { Column } from '../../electron/engine/training/types';
import { makeFolds } from '../../electron/engine/training/validation';
import { Rng } from '../../electron/engine/training/learners/random';
import { resolveParams } from '../../electron/engine/training/catalogue';
import { readSklearnCsv, SKLEARN_TASKS } from '../compare/sklearn-data';

const name = process.argv[2] ?? 'digits';

const task = SKLEARN_TASKS[name]!;
const here = path.dirname(fileURLToPath(import.meta.url));
const data = readSklearnCsv(path.join(here, '..', '.data', `sklearn-${name}.csv`));
const { columns, target } = data;
const { y, classes } = encodeTarget(target, task);
const n = y.length;
const folds = makeFolds(
  { kind: 'kfold', folds: 5 },
  Uint32Array.from({ length: n }, (_, i) => i),
  y,
  task,
  columns,
  42,
);
const pick = (rows: Uint32Array) => ({
  columns: columns.map((c) => ({
    ...c,
    values: Float64Array.from(rows, (r) => (c as { values: Float64Array }).values[r]!),
  })) as Column[],
  y: Float64Array.from(rows, (r) => y[r]!),
  task,
  classes,
  target: 'target',
});
const overrides = JSON.parse(process.argv[3] ?? '{}') as Record<string, unknown>;
const params = resolveParams('mlp', { seed: 42, ...overrides });
console.log(
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; params ${JSON.stringify(params)}`,
);
let fitTotal = 0;
for (let f = 0; f < 5; f++) {
  const { train, valid } = folds[f]!;
  const t0 = performance.now();
  const [fitRows, held] = earlyStopSplit(train);
  const out = await fitModel('mlp', pick(fitRows), params, {}, pick(held));
  const s = (performance.now() - t0) / 1000;
  fitTotal += s;
  const v = pick(valid);
  const pr = await predict(out.model, v.columns);
  const score = scoreOf(pr, v.y);
  console.log(
    `fold ${f + 1}: ${s.toFixed(3)} s, ${out.history.iterations} epochs (best ${out.history.bestIteration}), ${((1000 * s) / out.history.iterations).toFixed(2)} ms/epoch, score ${score.toFixed(4)}`,
  );
}
if (process.env.NOREFIT) process.exit(0);
const t1 = performance.now();
const [allFit, allHeld] = earlyStopSplit(Uint32Array.from({ length: n }, (_, i) => i));
const all = await fitModel('mlp', pick(allFit), params, {}, pick(allHeld));
console.log(
  `refit: ${((performance.now() - t1) / 1000).toFixed(3)} s, ${all.history.iterations} epochs; mean fold fit ${(fitTotal / 5).toFixed(3)} s`,
);

/** The rows train-session.ts's fitRows holds out for early stopping (10%, seeded by seed ^ 0xe5). */
function earlyStopSplit(rows: Uint32Array): [Uint32Array, Uint32Array] {
  const held = new Rng((params.seed as number) ^ 0xe5).sample(
    rows.length,
    Math.max(1, Math.round(rows.length * 0.1)),
  );
  const mask = new Uint8Array(rows.length);
  for (const j of held) mask[j] = 1;
  return [rows.filter((_, j) => !mask[j]), Uint32Array.from(held, (j) => rows[j]!)];
}

function scoreOf(pr: Awaited<ReturnType<typeof predict>>, yt: Float64Array): number {
  const p = pr as { values?: Float64Array; proba?: Float64Array };
  if (task === 'regression') {
    const v = p.values!;
    let m = 0;
    for (const t of yt) m += t / yt.length;
    let ss = 0,
      st = 0;
    for (let i = 0; i < yt.length; i++) {
      ss += (yt[i]! - v[i]!) ** 2;
      st += (yt[i]! - m) ** 2;
    }
    return 1 - ss / st;
  }
  const k = classes.length;
  const prob = p.proba!;
  let ok = 0;
  for (let i = 0; i < yt.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (prob[i * k + c]! > prob[i * k + best]!) best = c;
    if (best === yt[i]) ok++;
  }
  return ok / yt.length;
}
