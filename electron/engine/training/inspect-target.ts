/**
 * What a person should know about a target before training on it: the task it poses,
 * its classes, and warnings (many missing values, an ID-like column, too many or too rare
 * classes). A target the engine would refuse is still described, with the refusal as a
 * warning, so the form can show it before anything starts.
 */
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import type { TargetInfo, Task } from '../../../shared/training';
import type { LoadedTable } from './load-train-data';
import { encodeTarget, inferTask } from './task';
import type { Column } from './types';

/** Targets with this share of rows missing are called out. */
const MANY_MISSING = 0.05;
const MANY_CLASSES = 50;

/** `loaded` holds the target only (no features), as read by `loadTable`. */
export function inspectTarget(loaded: LoadedTable, targetName: string): TargetInfo {
  const target = loaded.target as Column;
  const warnings = missingWarnings(loaded, targetName);
  let task: Task;
  let classes: string[] | undefined;
  try {
    task = inferTask(target);
    if (task !== 'regression') classes = encodeTarget(target, task).classes;
    warnings.push(...targetWarnings(target, targetName, task, classes, loaded.rows));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The engine's own sentence (one class, no values): the form shows it before training.
    warnings.push(error.message);
    const distinct = distinctLabels(target);
    task = target.kind === 'categorical' || distinct.length > 0 ? 'binary' : 'regression';
    if (distinct.length > 0) classes = distinct;
  }
  return { task, ...(classes ? { classes } : {}), rows: loaded.rows, warnings };
}

function missingWarnings(loaded: LoadedTable, targetName: string): string[] {
  if (loaded.droppedRows === 0) return [];
  const total = loaded.rows + loaded.droppedRows;
  const share = loaded.droppedRows / Math.max(1, total);
  return [
    `${formatCount(loaded.droppedRows)} of ${formatCount(total)} rows (${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%) have no value in "${targetName}"; they are left out of training${share >= MANY_MISSING ? ', so check why so many are missing' : ''}.`,
  ];
}

function distinctLabels(target: Column): string[] {
  const out = new Set<string>();
  if (target.kind === 'categorical') {
    for (const c of target.codes) if (c >= 0) out.add(target.dictionary[c]!);
  } else {
    for (const v of target.values) if (v === v) out.add(String(v));
  }
  return [...out].sort();
}

/** ID-like targets and classes too many or too rare to learn. */
function targetWarnings(
  target: Column,
  name: string,
  task: Task,
  classes: string[] | undefined,
  rows: number,
): string[] {
  if (task === 'regression') return isWholeNumberId(target, rows) ? [wholeNumberIdWarning(name)] : [];
  if (!classes) return [];
  const warnings: string[] = [];
  if (target.kind === 'categorical' && classes.length > Math.max(MANY_CLASSES, rows / 2)) {
    warnings.push(
      `"${name}" has ${formatCount(classes.length)} different values in ${formatCount(rows)} rows, like an ID or free text; a model cannot learn it, so pick a target with fewer classes.`,
    );
  } else if (classes.length > MANY_CLASSES) {
    warnings.push(
      `"${name}" has ${classes.length} classes; training will be slow and per-class metrics thin. Group rare classes if you can.`,
    );
  }
  const rare = rareClasses(target, task, classes);
  if (rare.length > 0 && rare.length <= 10) {
    warnings.push(
      `The class${rare.length > 1 ? 'es' : ''} ${rare.map((c) => `"${c}"`).join(', ')} of "${name}" ${rare.length > 1 ? 'have' : 'has'} a single row, too few to validate; the scores for ${rare.length > 1 ? 'them' : 'it'} mean little.`,
    );
  }
  return warnings;
}

/** A numeric target with a different whole number on every row (20 rows or more). */
function isWholeNumberId(target: Column, rows: number): boolean {
  if (target.kind === 'categorical' || rows < 20) return false;
  const values = target.values;
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (!Number.isInteger(v)) return false;
    seen.add(v);
  }
  return seen.size === rows;
}

function wholeNumberIdWarning(name: string): string {
  return `Every row has a different whole number in "${name}", like an ID; a model cannot learn an identifier, so check that this is the target you mean.`;
}

/** Classes with fewer than two rows. */
function rareClasses(target: Column, task: Task, classes: string[]): string[] {
  const y = encodeTarget(target, task).y;
  const counts = new Array<number>(classes.length).fill(0);
  for (let i = 0; i < y.length; i++) if (y[i] === y[i]) counts[y[i]!]!++;
  return classes.filter((_, k) => counts[k]! < 2);
}
