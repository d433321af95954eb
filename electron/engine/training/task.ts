/**
 * What kind of problem a target column poses, and the target encoded for the learners:
 * class indices for classification (classes sorted so the encoding never depends on row
 * order), numbers for regression. Rows with a missing target cannot teach anything and
 * are reported, not silently dropped, by the caller.
 */
import { ApiError } from '../../../shared/errors';
import type { Column, Task } from './types';

/** Integer-valued numeric targets with at most this many distinct values are classes. */
const MAX_CLASSES_FOR_INTEGER_TARGET = 10;

export interface EncodedTarget {
  task: Task;
  /** Class labels in index order (classification only). */
  classes: string[];
  /** Class index (classification) or value (regression); NaN where the target is missing. */
  y: Float64Array;
}

/**
 * Binary when two distinct values, multiclass for text/boolean or small integer codes,
 * regression otherwise. Throws when the target cannot be learned at all.
 */
export function inferTask(target: Column): Task {
  const distinct = distinctValues(target);
  if (distinct.size < 2) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target column "${target.name}" has ${distinct.size === 0 ? 'no values' : `only one value (${[...distinct][0]})`}, so there is nothing to learn; pick a target with at least two distinct values or filter fewer rows.`,
    );
  }
  if (distinct.size === 2) return 'binary';
  if (target.kind === 'categorical' || target.kind === 'boolean') return 'multiclass';
  if (target.kind === 'datetime') return 'regression';
  let allIntegers = true;
  for (const v of distinct) {
    if (!Number.isInteger(Number(v))) {
      allIntegers = false;
      break;
    }
  }
  return allIntegers && distinct.size <= MAX_CLASSES_FOR_INTEGER_TARGET ? 'multiclass' : 'regression';
}

function distinctValues(target: Column): Set<string | number> {
  const out = new Set<string | number>();
  if (target.kind === 'categorical') {
    const seen = new Uint8Array(target.dictionary.length);
    for (let i = 0; i < target.codes.length; i++) {
      const c = target.codes[i];
      if (c >= 0 && !seen[c]) {
        seen[c] = 1;
        out.add(target.dictionary[c]);
      }
    }
    return out;
  }
  const v = target.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === x) {
      out.add(x);
      // Past this many distinct numbers it is regression whatever the rest holds.
      if (out.size > 1000) break;
    }
  }
  return out;
}

/** Encodes the target for `task`; classes are sorted (numbers numerically, text by locale-free order). */
export function encodeTarget(target: Column, task: Task): EncodedTarget {
  const n = target.kind === 'categorical' ? target.codes.length : target.values.length;
  const y = new Float64Array(n);
  if (task === 'regression') {
    if (target.kind === 'categorical') {
      throw new ApiError(
        'INVALID_INPUT',
        `The target column "${target.name}" holds text, so it cannot be a regression target; choose classification or a numeric target.`,
      );
    }
    y.set(target.values);
    return { task, classes: [], y };
  }
  if (target.kind === 'categorical') {
    const used = [...distinctValues(target)] as string[];
    used.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const index = new Map(used.map((c, i) => [c, i]));
    const codeToClass = target.dictionary.map((d) => index.get(d) ?? -1);
    for (let i = 0; i < n; i++) {
      const c = target.codes[i];
      y[i] = c < 0 ? NaN : codeToClass[c];
    }
    checkClasses(target.name, used, task);
    return { task, classes: used, y };
  }
  const nums = [...distinctValues(target)] as number[];
  nums.sort((a, b) => a - b);
  const index = new Map(nums.map((c, i) => [c, i]));
  for (let i = 0; i < n; i++) {
    const x = target.values[i];
    y[i] = x === x ? (index.get(x) as number) : NaN;
  }
  const classes = nums.map((v) => (target.kind === 'boolean' ? (v ? 'true' : 'false') : String(v)));
  checkClasses(target.name, classes, task);
  return { task, classes, y };
}

function checkClasses(name: string, classes: string[], task: Task): void {
  if (classes.length < 2) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target column "${name}" has ${classes.length === 0 ? 'no values' : `only one class (${classes[0]})`} in the training rows, so a classifier has nothing to separate; pick a target with at least two classes or include more rows.`,
    );
  }
  if (task === 'binary' && classes.length !== 2) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target column "${name}" has ${classes.length} classes, so it is not a binary task; train it as multiclass.`,
    );
  }
}
