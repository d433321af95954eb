/**
 * Preprocessing that belongs to the model: fitted on training rows only, serialised
 * with the model, and replayed on any later table by column name. Two modes:
 * 'tree' keeps NaN and turns categories into integer codes (the tree learners handle
 * both natively); 'dense' imputes, one-hot encodes and standardises, which linear
 * models and MLPs need. Datetimes become calendar parts in both.
 */
import { ApiError } from '../../../../shared/errors';
import type { Column, ColumnKind } from '../types';

export type PipelineMode = 'tree' | 'dense';

/** One column of the matrix the learner sees. */
export interface FeatureInfo {
  name: string;
  /** The input column it came from (for importance by column). */
  source: string;
  categorical: boolean;
  /** Number of category codes (tree mode, categorical only). */
  nCategories: number;
}

const DATETIME_PARTS = ['year', 'month', 'day', 'dayofweek', 'hour'] as const;
type DatetimePart = (typeof DATETIME_PARTS)[number];

interface Moments {
  median: number;
  mean: number;
  std: number;
}

type Step =
  | { kind: 'numeric'; column: string; stats: Moments; indicator: boolean }
  | { kind: 'categorical'; column: string; categories: string[]; other: boolean }
  | { kind: 'datetime'; column: string; parts: DatetimePart[]; stats: Moments[] };

export interface PipelineState {
  mode: PipelineMode;
  inputs: Array<{ name: string; kind: ColumnKind }>;
  steps: Step[];
  features: FeatureInfo[];
}

export interface PipelineOptions {
  /** Dense mode: categories kept as their own one-hot column; the rest share "other". */
  maxOnehot?: number;
  /** Tree mode: category codes kept (one bin each); the rest share "other". */
  maxCategories?: number;
}

export function fitPipeline(
  columns: Column[],
  mode: PipelineMode,
  options: PipelineOptions = {},
): PipelineState {
  const maxOnehot = options.maxOnehot ?? 20;
  const maxCategories = Math.min(options.maxCategories ?? 254, 254);
  const steps: Step[] = [];
  const features: FeatureInfo[] = [];
  for (const col of columns) {
    if (col.kind === 'numeric' || col.kind === 'boolean') {
      const stats = moments(col.values);
      const indicator = mode === 'dense' && hasMissing(col.values);
      steps.push({ kind: 'numeric', column: col.name, stats, indicator });
      features.push({ name: col.name, source: col.name, categorical: false, nCategories: 0 });
      if (indicator)
        features.push({ name: `${col.name}__missing`, source: col.name, categorical: false, nCategories: 0 });
    } else if (col.kind === 'categorical') {
      const keep = mode === 'dense' ? maxOnehot : maxCategories;
      const ranked = rankCategories(col);
      const categories = ranked.slice(0, keep);
      const other = ranked.length > keep;
      steps.push({ kind: 'categorical', column: col.name, categories, other });
      if (mode === 'tree') {
        features.push({
          name: col.name,
          source: col.name,
          categorical: true,
          nCategories: categories.length + (other ? 1 : 0),
        });
      } else {
        for (const c of categories)
          features.push({ name: `${col.name}=${c}`, source: col.name, categorical: false, nCategories: 0 });
        if (other)
          features.push({
            name: `${col.name}=__other__`,
            source: col.name,
            categorical: false,
            nCategories: 0,
          });
      }
    } else {
      const partValues = DATETIME_PARTS.map((p) => datetimePart(col.values, p));
      // A part that never varies (hour of date-only data) only adds noise and width.
      const parts = DATETIME_PARTS.filter((_, j) => !isConstant(partValues[j]));
      const stats = parts.map((p) => moments(partValues[DATETIME_PARTS.indexOf(p)]));
      steps.push({ kind: 'datetime', column: col.name, parts, stats });
      for (const p of parts)
        features.push({ name: `${col.name}.${p}`, source: col.name, categorical: false, nCategories: 0 });
    }
  }
  return { mode, inputs: columns.map((c) => ({ name: c.name, kind: c.kind })), steps, features };
}

/** Applies a fitted pipeline; columns are found by name, so order and extra columns do not matter. */
export function transform(state: PipelineState, columns: Column[]): Float64Array[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out: Float64Array[] = [];
  const dense = state.mode === 'dense';
  for (let s = 0; s < state.steps.length; s++) {
    const step = state.steps[s];
    const col = byName.get(step.column);
    if (!col) {
      throw new ApiError(
        'INVALID_INPUT',
        `The column "${step.column}" that the model was trained on is missing from the data to predict; add it (same name) or retrain without it.`,
      );
    }
    const expected = state.inputs[s].kind;
    if (!compatible(expected, col.kind)) {
      throw new ApiError(
        'INVALID_INPUT',
        `The column "${step.column}" is ${col.kind} but the model was trained on it as ${expected}; convert it back to ${expected} before predicting.`,
      );
    }
    if (step.kind === 'numeric') {
      const v = (col as { values: Float64Array }).values;
      if (!dense) {
        out.push(v);
        continue;
      }
      out.push(standardise(v, step.stats));
      if (step.indicator) {
        const ind = new Float64Array(v.length);
        for (let i = 0; i < v.length; i++) ind[i] = v[i] === v[i] ? 0 : 1;
        out.push(ind);
      }
    } else if (step.kind === 'categorical') {
      const c = col as Extract<Column, { kind: 'categorical' }>;
      const index = new Map(step.categories.map((name, i) => [name, i]));
      const otherCode = step.other ? step.categories.length : -1;
      // Map the incoming dictionary once; per-row work is then one array lookup.
      const remap = new Int32Array(c.dictionary.length);
      for (let d = 0; d < c.dictionary.length; d++) remap[d] = index.get(c.dictionary[d]) ?? otherCode;
      const n = c.codes.length;
      if (!dense) {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const code = c.codes[i];
          const m = code < 0 ? -1 : remap[code];
          v[i] = m < 0 ? NaN : m;
        }
        out.push(v);
      } else {
        const width = step.categories.length + (step.other ? 1 : 0);
        const hot: Float64Array[] = [];
        for (let k = 0; k < width; k++) hot.push(new Float64Array(n));
        for (let i = 0; i < n; i++) {
          const code = c.codes[i];
          const m = code < 0 ? -1 : remap[code];
          if (m >= 0) hot[m][i] = 1;
        }
        out.push(...hot);
      }
    } else {
      const v = (col as { values: Float64Array }).values;
      step.parts.forEach((p, j) => {
        const part = datetimePart(v, p);
        out.push(dense ? standardise(part, step.stats[j]) : part);
      });
    }
  }
  return out;
}

function compatible(expected: ColumnKind, actual: ColumnKind): boolean {
  if (expected === actual) return true;
  // Booleans are numbers to every learner; a 0/1 integer column may arrive either way.
  return (expected === 'numeric' || expected === 'boolean') && (actual === 'numeric' || actual === 'boolean');
}

function standardise(v: Float64Array, s: Moments): Float64Array {
  const out = new Float64Array(v.length);
  const inv = 1 / s.std;
  const fill = (s.median - s.mean) * inv;
  const shift = s.mean * inv;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) {
      out[i] = fill;
      continue;
    }
    const z = (x - s.mean) * inv;
    // x − mean overflows when both are near ±1.8e308; scaling first cannot.
    out[i] = Number.isFinite(z) ? z : x * inv - shift;
  }
  return out;
}

/**
 * Mean and standard deviation of the present values, computed on values divided by the
 * largest magnitude so that sums of huge finite numbers (1e308) cannot overflow to
 * Infinity; the scale is applied back at the end.
 */
function moments(v: Float64Array): Moments {
  let n = 0;
  let maxAbs = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === x) {
      n++;
      const a = Math.abs(x);
      if (a > maxAbs) maxAbs = a;
    }
  }
  if (n === 0) return { median: 0, mean: 0, std: 1 };
  // Plain sums below 1e150, where no square or sum of them can overflow: the same
  // arithmetic as ever, so ordinary columns scale exactly as before.
  const scale = maxAbs > 1e150 ? maxAbs : 1;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === x) sum += x / scale;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === x) ss += (x / scale - mean) * (x / scale - mean);
  }
  const std = Math.sqrt(ss / n) * scale;
  return { median: median(v, n), mean: mean * scale, std: std > 1e-12 && Number.isFinite(std) ? std : 1 };
}

/** Median of the non-missing values, from a sample on large columns (imputation needs no more precision). */
function median(v: Float64Array, present: number): number {
  const stride = Math.max(1, Math.floor(v.length / 100_000));
  const vals: number[] = [];
  for (let i = 0; i < v.length; i += stride) if (v[i] === v[i]) vals.push(v[i]);
  if (vals.length === 0 && present > 0) for (let i = 0; i < v.length; i++) if (v[i] === v[i]) vals.push(v[i]);
  const sorted = Float64Array.from(vals).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

function hasMissing(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return true;
  return false;
}

function isConstant(v: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) continue;
    if (first !== first) first = x;
    else if (x !== first) return false;
  }
  return true;
}

/** Categories that occur, most frequent first (ties by name so the order is reproducible). */
function rankCategories(col: Extract<Column, { kind: 'categorical' }>): string[] {
  const counts = new Float64Array(col.dictionary.length);
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) counts[col.codes[i]]++;
  const merged = new Map<string, number>();
  col.dictionary.forEach((d, i) => {
    if (counts[i] > 0) merged.set(d, (merged.get(d) ?? 0) + counts[i]);
  });
  return [...merged.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((e) => e[0]);
}

function datetimePart(v: Float64Array, part: DatetimePart): Float64Array {
  const out = new Float64Array(v.length);
  const d = new Date(0);
  for (let i = 0; i < v.length; i++) {
    const t = v[i];
    if (t !== t) {
      out[i] = NaN;
      continue;
    }
    d.setTime(t);
    out[i] =
      part === 'year'
        ? d.getUTCFullYear()
        : part === 'month'
          ? d.getUTCMonth() + 1
          : part === 'day'
            ? d.getUTCDate()
            : part === 'dayofweek'
              ? d.getUTCDay()
              : d.getUTCHours();
  }
  return out;
}
