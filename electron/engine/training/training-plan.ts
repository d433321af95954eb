/**
 * What one training request will fit, checked before any run row exists: the dataset
 * version, the features and target, the task, the validation, the search, the seed, and
 * one planned run (id and resolved params) per algorithm. The job reads only this plan,
 * so every default is decided here, once.
 */
import type { DatasetVersion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import type { AlgorithmId, ParamValue, Task, TrainRequest, ValidationSpec } from '../../../shared/training';
import { newId, versionViewName } from '../datasets/dataset-store';
import { resolveParams } from './catalogue';
import { checkAlgorithmTask, checkParams } from './check-request';
import { runEnvironment } from './run-environment';
import { encodeTarget, inferTask } from './task';
import type { Column, TrainParams } from './types';

const DEFAULT_SEED = 42;

export interface PlannedRun {
  id: string;
  algorithm: AlgorithmId;
  params: TrainParams;
}

export interface TrainingPlan {
  version: DatasetVersion;
  target: string;
  features: string[];
  /** False when the features are every other column; then ID-like text is left out. */
  featuresChosen: boolean;
  task: Task;
  validation: ValidationSpec;
  search?: NonNullable<TrainRequest['search']>;
  seed: number;
  experiment: string;
  environment: Record<string, string | number>;
  runs: PlannedRun[];
}

/** Refuses a column the version lacks, naming the ones it has. */
export function requireColumn(
  version: DatasetVersion,
  name: string,
  role: 'target' | 'feature' | 'validation',
): void {
  if (version.columns.some((c) => c.name === name)) return;
  throw new ApiError(
    'INVALID_INPUT',
    `${versionViewName(version.dataset, version.number)} has no column "${name}"; choose the ${role === 'validation' ? 'column to split by' : role} from its columns (${version.columns.map((c) => c.name).join(', ')}).`,
  );
}

/**
 * The checks that need only the request and the version's columns; returns the features.
 * Run before reading any data, so a mistyped name fails at once.
 */
export function checkTrainRequest(version: DatasetVersion, request: TrainRequest): string[] {
  requireColumn(version, request.target, 'target');
  const features = request.features ?? version.columns.map((c) => c.name).filter((n) => n !== request.target);
  for (const f of features) requireColumn(version, f, 'feature');
  if (features.includes(request.target)) {
    throw new ApiError(
      'INVALID_INPUT',
      `"${request.target}" is the target, so it cannot also be a feature; remove it from the features.`,
    );
  }
  if (features.length === 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `${versionViewName(version.dataset, version.number)} has no column besides "${request.target}" to learn from; choose a dataset with feature columns.`,
    );
  }
  if (request.search && request.algorithms.length !== 1) {
    throw new ApiError(
      'INVALID_INPUT',
      'A parameter search tunes one algorithm at a time; choose a single algorithm to search.',
    );
  }
  checkSplitColumn(version, request.validation, features);
  for (const a of request.algorithms) checkParams(a.algorithm, a.params);
  if (request.search) checkParams(request.algorithms[0]!.algorithm, firstValues(request.search.space));
  return features;
}

/** A time or group split reads its column from the training columns, so it must be a feature. */
function checkSplitColumn(
  version: DatasetVersion,
  validation: ValidationSpec | undefined,
  features: string[],
): void {
  if (validation?.kind !== 'holdout' || !('column' in validation)) return;
  const column = validation.column;
  requireColumn(version, column, 'validation');
  if (features.includes(column)) return;
  throw new ApiError(
    'INVALID_INPUT',
    `The ${validation.strategy} column "${column}" must also be a feature, since the split reads it from the training columns; add it to the features or choose another validation.`,
  );
}

/**
 * The plan for a checked request. The target column decides the task, which decides the
 * algorithms that apply and is recorded with each run.
 */
export function planTraining(
  version: DatasetVersion,
  request: TrainRequest,
  features: string[],
  targetColumn: Column,
): TrainingPlan {
  const task = request.task ?? inferTask(targetColumn);
  encodeTarget(targetColumn, task);
  for (const a of request.algorithms) checkAlgorithmTask(a.algorithm, task, request.target);
  const seed = request.seed ?? DEFAULT_SEED;
  return {
    version,
    target: request.target,
    features,
    featuresChosen: request.features !== undefined,
    task,
    validation: request.validation ?? { kind: 'holdout', fraction: 0.2 },
    ...(request.search ? { search: request.search } : {}),
    seed,
    experiment: request.experiment ?? `${version.dataset} → ${request.target}`,
    environment: runEnvironment(),
    runs: request.algorithms.map((a) => ({
      id: newId('r'),
      algorithm: a.algorithm,
      params: { ...resolveParams(a.algorithm, a.params as TrainParams), ...(a.params as TrainParams), seed },
    })),
  };
}

/** The first value of each searched param, to check names and types before the search starts. */
function firstValues(space: Record<string, ParamValue[]>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(space).map(([k, v]) => [k, v[0] as ParamValue]));
}
