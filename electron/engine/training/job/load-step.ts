/**
 * The job's first step: read the plan's columns of the dataset version once, column by
 * column into typed arrays, and settle which features the runs will use. Every run of the
 * job trains on this one copy.
 */
import { ApiError } from '../../../../shared/errors';
import { formatCount } from '../../../../shared/format';
import { versionTable } from '../../datasets/dataset-store';
import type { JobContext } from '../../jobs/job-manager';
import type { Workspace } from '../../workspace/workspace';
import { isIdLike } from '../id-like';
import { loadTrainData } from '../load-train-data';
import type { TrainingPlan } from '../training-plan';
import type { CategoricalColumn, Column, TrainData } from '../types';
import type { ProgressRelay } from './progress-relay';

export interface LoadedPlanData {
  data: TrainData;
  /** The features the runs train on, after unusable and ID-like columns are left out. */
  features: string[];
  /** Sentences every run records (dropped rows, skipped columns, left-out features). */
  warnings: string[];
}

export async function loadPlanData(
  ctx: JobContext,
  workspace: Workspace,
  plan: TrainingPlan,
  relay: ProgressRelay,
): Promise<LoadedPlanData> {
  const connection = await workspace.connect();
  let loaded: Awaited<ReturnType<typeof loadTrainData>>;
  try {
    loaded = await loadTrainData(connection, versionTable(plan.version.id), {
      target: plan.target,
      features: plan.features,
      signal: ctx.signal,
      onColumn: (done, total) => relay.loadedColumns(done, total),
    });
  } finally {
    workspace.release(connection);
  }
  if (loaded.columns.length === 0) {
    throw new ApiError('INVALID_INPUT', `None of the chosen features can be used: ${loaded.notes.join(' ')}`);
  }
  const warnings = [...loaded.notes];
  if (!plan.featuresChosen) {
    const idLike = idLikeColumns(loaded.columns, loaded.rows, plan);
    if (idLike.length > 0 && idLike.length < loaded.columns.length) {
      loaded.data.columns = loaded.columns = loaded.columns.filter((c) => !idLike.includes(c));
      warnings.push(idLikeWarning(idLike));
    }
  }
  return { data: loaded.data, features: loaded.columns.map((c) => c.name), warnings };
}

/**
 * Chosen by default, a text column with a value per row (names, ids) only lets trees
 * memorise rows; a person who lists it explicitly still gets it. The split column stays.
 */
function idLikeColumns(columns: Column[], rows: number, plan: TrainingPlan): Column[] {
  const split = 'column' in plan.validation ? plan.validation.column : undefined;
  return columns.filter((c) => c.name !== split && isIdLikeColumn(c, rows));
}

function isIdLikeColumn(column: Column, rows: number): boolean {
  return column.kind === 'categorical' && isIdLike(column.dictionary.length, rows);
}

function idLikeWarning(idLike: Column[]): string {
  const named = idLike.map(
    (c) => `"${c.name}" (${formatCount((c as CategoricalColumn).dictionary.length)} different values)`,
  );
  return `Left out ${named.join(', ')}: text with nearly a value per row, like an ID or free text, lets a model memorise rows instead of learning; choose it as a feature explicitly to use it anyway.`;
}
