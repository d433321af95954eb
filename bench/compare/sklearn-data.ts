/**
 * scikit-learn's bundled datasets as bench/compare exports them (sklearn_reference.py
 * writes bench/.data/sklearn-<name>.csv): which task each is, and reading one back.
 * Shared by bench/compare and bench/mlp/profile-fit.ts.
 */
import { readFileSync } from 'node:fs';
import type { Column, Task, TrainData } from '../../electron/engine/training/types';

export const SKLEARN_TASKS: Record<string, Task> = {
  digits: 'multiclass',
  wine: 'multiclass',
  iris: 'multiclass',
  breast_cancer: 'binary',
  diabetes: 'regression',
};

/** The exported CSV: numeric features, then the target. */
export function readSklearnCsv(file: string): TrainData {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const cols = header.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    for (let j = 0; j < cells.length; j++) cols[j]![i - 1] = Number(cells[j]);
  }
  const columns: Column[] = header.map((name, j) => ({ name, kind: 'numeric', values: cols[j]! }));
  return { columns: columns.slice(0, -1), target: columns[columns.length - 1]! };
}
