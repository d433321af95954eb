/** What `assay train --json` prints for one run: snake-case keys, as scripts expect. */
import type {
  AlgorithmId,
  FoldResult,
  Metrics,
  RunDetail,
  RunSearch,
  Task,
} from '../../../../shared/training';

export interface RunJson {
  run: string;
  algo: AlgorithmId;
  task: Task;
  status?: string;
  metrics: Metrics;
  fit_seconds: number | null;
  backend: string | null;
  folds?: Array<{
    fold: number;
    metrics: Metrics;
    fit_seconds: number;
    train_rows: number;
    valid_rows: number;
  }>;
  error?: string;
  /** With --search: how the params were chosen (the run is the best trial). */
  search?: RunSearch;
}

export function runJson(run: RunDetail): RunJson {
  return {
    run: run.id,
    algo: run.algorithm,
    task: run.task,
    ...(run.status === 'succeeded' ? {} : { status: run.status }),
    metrics: run.metrics,
    fit_seconds: run.fitSeconds ?? null,
    backend: run.backend ?? null,
    ...(run.folds ? { folds: run.folds.map(foldJson) } : {}),
    ...(run.error ? { error: run.error } : {}),
    ...(run.search ? { search: run.search } : {}),
  };
}

function foldJson(f: FoldResult) {
  return {
    fold: f.fold,
    metrics: f.metrics,
    fit_seconds: f.fitSeconds,
    train_rows: f.trainRows,
    valid_rows: f.validRows,
  };
}
