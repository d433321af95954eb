/**
 * How rows are split for validation: holdout (random, stratified by class, the latest
 * rows by a time column, or whole groups kept together) and k-fold (stratified for
 * classification). Every split is a pair of ascending row-index arrays, drawn from the
 * seeded generator, so a run's split is reproducible from its seed.
 */
import { ApiError } from '../../../shared/errors';
import { Rng } from './learners/random';
import type { Column, Task, ValidationSpec } from './types';

export interface Fold {
  train: Uint32Array;
  valid: Uint32Array;
}

/**
 * `rows` are the usable row indices (target present); `y` is indexed by row;
 * `columns` are looked up for time and group splits.
 */
export function makeFolds(
  spec: ValidationSpec,
  rows: Uint32Array,
  y: Float64Array,
  task: Task,
  columns: Column[],
  seed: number,
): Fold[] {
  const rng = new Rng(seed ^ 0x5eed);
  if (spec.kind === 'none') return [{ train: rows, valid: new Uint32Array(0) }];
  if (spec.kind === 'kfold') {
    const k = spec.folds ?? 5;
    if (k < 2 || k > rows.length)
      throw new ApiError(
        'INVALID_INPUT',
        `K-fold validation needs between 2 and ${rows.length} folds, not ${k}; choose a fold count in that range.`,
      );
    const fold = assignFolds(rows, y, task !== 'regression' && spec.stratified !== false, k, rng);
    return Array.from({ length: k }, (_, f) => split(rows, (j) => fold[j] === f));
  }
  const fraction = spec.fraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1))
    throw new ApiError(
      'INVALID_INPUT',
      `The holdout fraction must be between 0 and 1, not ${fraction}; use e.g. 0.2 for 20% of rows.`,
    );
  const strategy = spec.strategy ?? (task === 'regression' ? 'random' : 'stratified');
  if (strategy === 'time') {
    const values = numericColumn(
      columns,
      spec.kind === 'holdout' && 'column' in spec ? spec.column : '',
      'time',
    );
    const order = Array.from(rows).sort((a, b) => orderKey(values[a]) - orderKey(values[b]) || a - b);
    const cut = Math.round(order.length * (1 - fraction));
    const validSet = new Set(order.slice(cut));
    return [split(rows, (j) => validSet.has(rows[j]))];
  }
  if (strategy === 'group') {
    const name = 'column' in spec ? spec.column : '';
    const key = groupKeys(columns, name);
    const groups = [...new Set(Array.from(rows, (r) => key(r)))].sort();
    if (groups.length < 2)
      throw new ApiError(
        'INVALID_INPUT',
        `The group column "${name}" has only one group, so no group can be held out; pick a column with several groups.`,
      );
    const order = rng.shuffle(Int32Array.from(groups.keys()));
    const counts = new Map<string | number, number>();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    const held = new Set<string | number>();
    let taken = 0;
    for (const gi of order) {
      if (taken >= fraction * rows.length) break;
      held.add(groups[gi]);
      taken += counts.get(groups[gi]) ?? 0;
    }
    return [split(rows, (j) => held.has(key(rows[j])))];
  }
  const stratified = strategy === 'stratified' && task !== 'regression';
  const isValid = new Uint8Array(rows.length);
  for (const bucket of buckets(rows, y, stratified)) {
    rng.shuffle(bucket);
    const take = Math.round(bucket.length * fraction);
    for (let j = 0; j < take; j++) isValid[bucket[j]] = 1;
  }
  return [split(rows, (j) => isValid[j] === 1)];
}

/** Positions (into `rows`) grouped by class when stratifying, else one group. */
function buckets(rows: Uint32Array, y: Float64Array, stratified: boolean): Uint32Array[] {
  if (!stratified) return [Uint32Array.from(rows.keys())];
  const byClass = new Map<number, number[]>();
  rows.forEach((r, j) => {
    const c = y[r];
    const list = byClass.get(c);
    if (list) list.push(j);
    else byClass.set(c, [j]);
  });
  return [...byClass.keys()].sort((a, b) => a - b).map((c) => Uint32Array.from(byClass.get(c) as number[]));
}

function assignFolds(
  rows: Uint32Array,
  y: Float64Array,
  stratified: boolean,
  k: number,
  rng: Rng,
): Uint8Array {
  const fold = new Uint8Array(rows.length);
  let offset = 0;
  for (const bucket of buckets(rows, y, stratified)) {
    rng.shuffle(bucket);
    // Continue the round-robin across classes so fold sizes stay balanced.
    for (let j = 0; j < bucket.length; j++) fold[bucket[j]] = (offset + j) % k;
    offset += bucket.length;
  }
  return fold;
}

function split(rows: Uint32Array, isValid: (position: number) => boolean): Fold {
  const train: number[] = [];
  const valid: number[] = [];
  for (let j = 0; j < rows.length; j++) (isValid(j) ? valid : train).push(rows[j]);
  return { train: Uint32Array.from(train), valid: Uint32Array.from(valid) };
}

function findColumn(columns: Column[], name: string, role: string): Column {
  const col = columns.find((c) => c.name === name);
  if (!col)
    throw new ApiError(
      'INVALID_INPUT',
      `The ${role} column "${name}" for the validation split is not in the data; pick one of the dataset's columns.`,
    );
  return col;
}

function numericColumn(columns: Column[], name: string, role: string): Float64Array {
  const col = findColumn(columns, name, role);
  if (col.kind === 'categorical')
    throw new ApiError(
      'INVALID_INPUT',
      `The time column "${name}" holds text; pick a date, timestamp or numeric column to order rows by.`,
    );
  return col.values;
}

/** Missing times sort first, so they land in training rather than the future. */
function orderKey(v: number): number {
  return v === v ? v : -Infinity;
}

function groupKeys(columns: Column[], name: string): (row: number) => string | number {
  const col = findColumn(columns, name, 'group');
  if (col.kind === 'categorical')
    return (r) => (col.codes[r] < 0 ? '\u0000missing' : col.dictionary[col.codes[r]]);
  return (r) => (col.values[r] === col.values[r] ? col.values[r] : '\u0000missing');
}
