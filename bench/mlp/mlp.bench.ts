/**
 * MLP training benchmark (not a test): the train benchmark's generated binary task, 80/20
 * holdout, a 256-128 ReLU network for 3 epochs at batch 512 on the TensorFlow.js backend
 * Assay picks (printed), beside the same network in PyTorch on 2 CPU threads in the same
 * run when /usr/bin/python3 has torch (Debian's python3-torch). The target is at most 3×
 * PyTorch's time (docs/architecture.md, "Inside the training capability").
 * Run: node --import tsx bench/mlp/mlp.bench.ts [--rows N] [--skip-torch]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rankCurves } from '../../electron/engine/training/metrics/classification';
import { fitModel, predict } from '../../electron/engine/training/model';
import { takeAll, takeValues } from '../../electron/engine/training/rows';
import { syntheticBinary } from '../../electron/testing/synthetic';
import type { Column } from '../../electron/engine/training/types';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '..', '.data');
const HIDDEN = [256, 128];
const EPOCHS = 3;
const BATCH = 512;
const TARGET_RATIO = 3;

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
const trainCols = takeAll(data.columns, trainIdx);
const testCols = takeAll(data.columns, testIdx);
const yTest = takeValues(y, testIdx);
console.log(
  `load: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs`,
);
console.log(
  `data: ${rows} rows × ${data.columns.length} features; MLP ${HIDDEN.join('-')}, ${EPOCHS} epochs, batch ${BATCH}`,
);

const f0 = performance.now();
const { model, backend } = await fitModel(
  'mlp',
  { columns: trainCols, y: takeValues(y, trainIdx), task: 'binary', classes: ['0', '1'], target: 'label' },
  {
    hidden_layers: HIDDEN,
    epochs: EPOCHS,
    batch_size: BATCH,
    early_stopping_rounds: 0,
    dropout: 0,
    learning_rate: 0.001,
  },
);
const fit = (performance.now() - f0) / 1000;
const pred = await predict(model, testCols);
const proba = pred.task === 'regression' ? new Float64Array(0) : pred.proba;
const scores = Float64Array.from({ length: yTest.length }, (_, i) => proba[2 * i + 1]);
const auc = rankCurves(scores, Uint8Array.from(yTest))?.auc ?? NaN;
console.log(
  `Assay (tfjs ${backend ?? '?'})`.padEnd(28) + `fit ${fit.toFixed(1).padStart(7)} s  AUC ${auc.toFixed(4)}`,
);

const torchOk =
  !args.includes('--skip-torch') &&
  spawnSync('/usr/bin/python3', ['-c', 'import torch, sklearn'], { encoding: 'utf8' }).status === 0;
if (!torchOk)
  console.log(
    'PyTorch reference: /usr/bin/python3 has no torch (apt-get install -y python3-torch); skipped.',
  );
else {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `mlp-bench-${rows}.f32`);
  writeMatrix(file, [...trainCols], [...testCols], takeValues(y, trainIdx), yTest);
  const out = spawnSync(
    '/usr/bin/python3',
    [
      path.join(here, 'torch_reference.py'),
      file,
      String(nTrain),
      String(rows - nTrain),
      String(data.columns.length),
      HIDDEN.join(','),
      String(EPOCHS),
      String(BATCH),
    ],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) console.log(`PyTorch reference failed: ${out.stderr.trim().split('\n').pop()}`);
  else {
    const ref = JSON.parse(out.stdout.trim().split('\n').pop() as string) as {
      version: string;
      fit_s: number;
      auc: number;
    };
    console.log(
      `PyTorch ${ref.version} CPU 2 thr`.padEnd(28) +
        `fit ${ref.fit_s.toFixed(1).padStart(7)} s  AUC ${ref.auc.toFixed(4)}`,
    );
    console.log(
      `MLP fit-time ratio Assay/PyTorch: ${(fit / ref.fit_s).toFixed(2)} (target ≤ ${TARGET_RATIO}); AUC difference: ${(auc - ref.auc).toFixed(4)}`,
    );
  }
}
process.exit(0);

/** Row-major float32 features (train rows then test rows), then all labels: what torch_reference.py reads. */
function writeMatrix(file: string, tr: Column[], te: Column[], yTr: Float64Array, yTe: Float64Array): void {
  const d = tr.length;
  const n = yTr.length + yTe.length;
  const buf = new Float32Array(n * d + n);
  const put = (cols: Column[], offset: number, m: number): void =>
    cols.forEach((c, f) => {
      for (let i = 0; i < m; i++)
        buf[(offset + i) * d + f] =
          c.kind === 'categorical' ? (c.codes[i] < 0 ? NaN : c.codes[i]) : c.values[i];
    });
  put(tr, 0, yTr.length);
  put(te, yTr.length, yTe.length);
  buf.set(yTr, n * d);
  buf.set(yTe, n * d + yTr.length);
  writeFileSync(file, new Uint8Array(buf.buffer));
}
