/**
 * Deterministic synthetic tables for tests, demos and the benchmark: a binary task with
 * informative, redundant and noise features, two categorical columns with real effects,
 * a nonlinear decision boundary and a share of flipped labels.
 */
import { Rng } from '../engine/training/learners/random';
import type { CategoricalColumn, Column, NumericColumn, TrainData } from '../engine/training/types';

export interface SyntheticOptions {
  rows: number;
  numeric?: number;
  informative?: number;
  redundant?: number;
  categorical?: number;
  flip?: number;
  seed?: number;
  /** Fraction of numeric cells set to NaN. */
  missing?: number;
}

export function syntheticBinary(o: SyntheticOptions): TrainData {
  const n = o.rows;
  const d = o.numeric ?? 28;
  const inf = Math.min(o.informative ?? 8, d);
  const red = Math.min(o.redundant ?? 6, d - inf);
  const nCat = o.categorical ?? 2;
  const rng = new Rng(o.seed ?? 7);
  const cols: Float64Array[] = Array.from({ length: d }, () => new Float64Array(n));
  const mix = Array.from({ length: red }, () => Array.from({ length: inf }, () => rng.normal()));
  const catLevels = [8, 40, 5, 12].slice(0, nCat);
  const catEffects = catLevels.map((k) => Array.from({ length: k }, () => rng.normal() * 0.8));
  const codes = catLevels.map(() => new Int32Array(n));
  const label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < inf; f++) cols[f][i] = rng.normal();
    for (let r = 0; r < red; r++) {
      let s = 0;
      for (let f = 0; f < inf; f++) s += mix[r][f] * cols[f][i];
      cols[inf + r][i] = s / Math.sqrt(inf) + 0.1 * rng.normal();
    }
    for (let f = inf + red; f < d; f++) cols[f][i] = rng.normal();
    const x = (f: number): number => cols[f % inf][i];
    let z =
      1.2 * x(0) -
      0.8 * x(1) +
      x(2) * x(3) +
      Math.sin(2 * x(4)) +
      0.6 * (x(5) > 0.5 ? 1 : -1) -
      0.4 * x(6) * x(6) +
      0.5 * Math.abs(x(7));
    for (let c = 0; c < nCat; c++) {
      const code = Math.min(catLevels[c] - 1, Math.floor(Math.abs(rng.normal()) * catLevels[c] * 0.4));
      codes[c][i] = code;
      z += catEffects[c][code];
    }
    let yv = z + 0.3 * rng.normal() > 0.2 ? 1 : 0;
    if (rng.next() < (o.flip ?? 0.05)) yv = 1 - yv;
    label[i] = yv;
  }
  if (o.missing)
    for (const c of cols) for (let i = 0; i < n; i++) if (rng.next() < (o.missing as number)) c[i] = NaN;
  const columns: Column[] = cols.map((values, f): NumericColumn => ({
    name: `x${f}`,
    kind: 'numeric',
    values,
  }));
  codes.forEach((cc, c) => {
    const col: CategoricalColumn = {
      name: `cat${c}`,
      kind: 'categorical',
      codes: cc,
      dictionary: Array.from({ length: catLevels[c] }, (_, k) => `level_${k}`),
    };
    columns.push(col);
  });
  return { columns, target: { name: 'label', kind: 'numeric', values: label } };
}

/** Helper for tests and loaders: dictionary-encode strings (null → missing). */
export function categorical(name: string, values: Array<string | null>): CategoricalColumn {
  const dict = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) codes[i] = -1;
    else {
      let c = dict.get(v);
      if (c === undefined) dict.set(v, (c = dict.size));
      codes[i] = c;
    }
  });
  return { name, kind: 'categorical', codes, dictionary: [...dict.keys()] };
}

export function numeric(name: string, values: ArrayLike<number>): NumericColumn {
  return { name, kind: 'numeric', values: Float64Array.from(values) };
}
