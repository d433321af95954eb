/**
 * Test support: small mixed tables (numbers with NaN, a text column with missing values
 * and more categories than the pipeline keeps) and a runner that feeds the same rows to
 * ONNX Runtime and to the engine's `predict`, returning the largest difference. Used by
 * the export tests only. See docs/architecture.md ("Inside the training capability").
 */
import * as ort from 'onnxruntime-node';
import { Rng } from '../../training/learners/random';
import type { FitData, Model } from '../../training/model';
import { predict } from '../../training/model';
import type { CategoricalColumn, Column, Task } from '../../training/types';
import { exportOnnx } from './export-onnx';

const LEVELS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

/** n training rows for `task`; ~10% of each numeric cell and of the text column missing. */
export function mixedTable(n: number, task: Task, seed = 3): FitData {
  const rng = new Rng(seed);
  const xs = [0, 1, 2].map(() => new Float64Array(n));
  const flag = new Float64Array(n);
  const codes = new Int32Array(n);
  const y = new Float64Array(n);
  const effect = LEVELS.map((_, k) => (k % 3) - 1);
  for (let i = 0; i < n; i++) {
    for (const x of xs) x[i] = rng.normal() * 3 + 1;
    flag[i] = rng.next() < 0.4 ? 1 : 0;
    codes[i] = Math.min(LEVELS.length - 1, Math.floor(Math.abs(rng.normal()) * 3));
    const z = xs[0][i] - 0.5 * xs[1][i] + 2 * effect[codes[i]] + flag[i] + rng.normal();
    if (task === 'regression') y[i] = z;
    else if (task === 'binary') y[i] = z > 1 ? 1 : 0;
    else y[i] = z < -1 ? 0 : z < 2.5 ? 1 : 2;
  }
  for (const x of xs) for (let i = 0; i < n; i++) if (rng.next() < 0.1) x[i] = NaN;
  for (let i = 0; i < n; i++) if (rng.next() < 0.1) codes[i] = -1;
  const columns: Column[] = [
    ...xs.map((values, j): Column => ({ name: `x${j}`, kind: 'numeric', values })),
    { name: 'flag', kind: 'boolean', values: flag },
    { name: 'city', kind: 'categorical', codes, dictionary: [...LEVELS] },
  ];
  const classes = task === 'regression' ? [] : task === 'binary' ? ['no', 'yes'] : ['low', 'mid', 'high'];
  return { columns, y, task, classes, target: 'outcome' };
}

/** The training rows plus rows with every number missing, unseen and missing categories. */
export function scoringColumns(train: FitData): Column[] {
  const extra = 4;
  return train.columns.map((c): Column => {
    if (c.kind === 'categorical') {
      const dictionary = [...c.dictionary, 'never-seen'];
      const codes = Int32Array.from([...c.codes, -1, dictionary.length - 1, 0, dictionary.length - 1]);
      return { ...c, codes, dictionary } satisfies CategoricalColumn;
    }
    const tail = [NaN, NaN, 1e6, -1e6].slice(0, extra);
    return { ...c, values: Float64Array.from([...c.values, ...tail]) };
  });
}

function feeds(columns: Column[]): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const c of columns) {
    if (c.kind === 'categorical') {
      const text = Array.from(c.codes, (code) => (code < 0 ? '' : c.dictionary[code]));
      out[c.name] = new ort.Tensor('string', text, [text.length, 1]);
    } else out[c.name] = new ort.Tensor('float64', Float64Array.from(c.values), [c.values.length, 1]);
  }
  return out;
}

export interface Agreement {
  maxAbsDiff: number;
  /** |ORT − engine| / max(1, |engine|): float32 networks differ by their precision at large outputs. */
  maxScaledDiff: number;
  labelsAgree: boolean;
  rows: number;
}

/** Exports `model`, runs ONNX Runtime and the engine on `columns`, and compares. */
export async function compareWithOrt(model: Model, columns: Column[]): Promise<Agreement> {
  const session = await ort.InferenceSession.create(exportOnnx(model));
  try {
    const result = await session.run(feeds(columns));
    const engine = await predict(model, columns);
    const got = result[engine.task === 'regression' ? 'prediction' : 'probabilities'].data as Float64Array;
    const want = engine.task === 'regression' ? engine.values : engine.proba;
    if (got.length !== want.length)
      throw new Error(`ONNX gave ${got.length} values, the engine ${want.length}`);
    let maxAbsDiff = 0;
    let maxScaledDiff = 0;
    for (let i = 0; i < want.length; i++) {
      const d = Math.abs(got[i] - want[i]);
      maxAbsDiff = Math.max(maxAbsDiff, d);
      maxScaledDiff = Math.max(maxScaledDiff, d / Math.max(1, Math.abs(want[i])));
    }
    let labelsAgree = true;
    if (engine.task !== 'regression') {
      const labels = result.label.data as string[];
      const K = engine.classes.length;
      for (let i = 0; i < labels.length; i++) {
        const row = Array.from(want.subarray(i * K, i * K + K));
        const best = row.indexOf(Math.max(...row));
        // A near-tie may fall either way between two runtimes; only clear winners must agree.
        const sorted = [...row].sort((a, b) => b - a);
        if (sorted[0] - (sorted[1] ?? -Infinity) > 1e-9 && labels[i] !== engine.classes[best])
          labelsAgree = false;
      }
    }
    return { maxAbsDiff, maxScaledDiff, labelsAgree, rows: columns[0] ? rowsOf(columns[0]) : 0 };
  } finally {
    await session.release();
  }
}

function rowsOf(c: Column): number {
  return c.kind === 'categorical' ? c.codes.length : c.values.length;
}
