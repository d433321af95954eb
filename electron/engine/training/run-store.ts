/**
 * The runs table (`assay.runs`, migration 4) and the model files under
 * `artifacts/runs/<runId>/`. A run row is written when training starts (status
 * running) and completed once with everything the run recorded; the model file is
 * written to a temporary name and renamed, so a crash never leaves half a model.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../../shared/errors';
import type {
  AlgorithmId,
  Metrics,
  ParamValue,
  RunDetail,
  RunStatus,
  RunSummary,
  Task,
} from '../../../shared/training';
import { higherIsBetter, primaryMetric } from '../../../shared/metrics';

/** What the row's `detail` column holds: the run's record beyond its summary. */
export type StoredDetail = Omit<RunDetail, keyof RunSummary | 'modelPath'>;

export interface NewRun {
  id: string;
  experiment: string;
  datasetId: string;
  versionId: string;
  datasetName: string;
  versionNumber: number;
  target: string;
  task: Task;
  algorithm: AlgorithmId;
  params: Record<string, ParamValue>;
  seed: number;
  detail: StoredDetail;
}

export interface FinishedRun {
  status: Exclude<RunStatus, 'running'>;
  metrics?: Metrics;
  params?: Record<string, ParamValue>;
  detail?: StoredDetail;
  fitSeconds?: number;
  backend?: string;
  error?: string;
  /** Relative to the workspace folder. */
  modelPath?: string;
}

/** Where a run's files live, relative to the workspace folder. */
function runArtifactsDir(runId: string): string {
  return path.join('artifacts', 'runs', runId);
}

function modelFileOf(runId: string): string {
  return path.join(runArtifactsDir(runId), 'model.json');
}

export async function insertRun(connection: DuckDBConnection, run: NewRun): Promise<void> {
  await connection.run(
    `INSERT INTO assay.runs (id, experiment, dataset_id, version_id, dataset_name, version_number, target, task,
       algorithm, status, params, seed, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running', $10::JSON, $11, $12::JSON)`,
    [
      run.id,
      run.experiment,
      run.datasetId,
      run.versionId,
      run.datasetName,
      run.versionNumber,
      run.target,
      run.task,
      run.algorithm,
      JSON.stringify(run.params),
      run.seed,
      json(run.detail),
    ],
  );
}

export async function finishRun(connection: DuckDBConnection, id: string, patch: FinishedRun): Promise<void> {
  await connection.run(
    `UPDATE assay.runs SET status = $2, finished_at = now(),
        metrics = coalesce($3::JSON, metrics), params = coalesce($4::JSON, params),
        detail = coalesce($5::JSON, detail), fit_seconds = $6, backend = $7, error = $8, model_path = $9
      WHERE id = $1`,
    [
      id,
      patch.status,
      patch.metrics ? json(patch.metrics) : null,
      patch.params ? JSON.stringify(patch.params) : null,
      patch.detail ? json(patch.detail) : null,
      patch.fitSeconds ?? null,
      patch.backend ?? null,
      patch.error ?? null,
      patch.modelPath ?? null,
    ],
  );
}

/** Runs a previous Assay process left 'running' (it stopped mid-training) are failed, with why. */
export async function failInterruptedRuns(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `UPDATE assay.runs SET status = 'failed', finished_at = now(),
        error = 'Assay stopped before this run finished; train it again.'
      WHERE status = 'running'`,
  );
}

const SELECT = `SELECT r.id, r.experiment, r.dataset_id, r.version_id, coalesce(d.name, r.dataset_name) AS dataset,
    r.version_number, r.target, r.task, r.algorithm, r.status, r.params::VARCHAR AS params, r.seed,
    r.metrics::VARCHAR AS metrics, epoch_ms(r.created_at) AS created_ms, r.fit_seconds, r.backend, r.error,
    r.model_path, epoch_ms(r.archived_at) AS archived_ms
  FROM assay.runs r LEFT JOIN assay.datasets d ON d.id = r.dataset_id`;

function toSummary(row: Record<string, unknown>): RunSummary {
  const task = String(row.task) as Task;
  const metric = primaryMetric(task);
  const dataset = String(row.dataset);
  return {
    id: String(row.id),
    experiment: String(row.experiment),
    dataset,
    version: String(row.version_id),
    versionLabel: `${dataset}@${Number(row.version_number)}`,
    target: String(row.target),
    task,
    algorithm: String(row.algorithm) as AlgorithmId,
    status: String(row.status) as RunStatus,
    metrics: JSON.parse(String(row.metrics)) as Metrics,
    primaryMetric: metric,
    higherIsBetter: higherIsBetter(metric),
    params: JSON.parse(String(row.params)) as Record<string, ParamValue>,
    seed: Number(row.seed),
    createdAt: new Date(Number(row.created_ms)).toISOString(),
    ...(row.fit_seconds === null ? {} : { fitSeconds: Number(row.fit_seconds) }),
    ...(row.backend === null ? {} : { backend: String(row.backend) }),
    ...(row.error === null ? {} : { error: String(row.error) }),
    ...(row.archived_ms === null ? {} : { archivedAt: new Date(Number(row.archived_ms)).toISOString() }),
  };
}

/**
 * Newest first; `dataset` matches the dataset's name (case-insensitively) or id. Archived
 * runs are left out unless `archived` asks for them (then only they are listed).
 */
export async function listRuns(
  connection: DuckDBConnection,
  filter: { experiment?: string; dataset?: string; archived?: boolean } = {},
): Promise<RunSummary[]> {
  const where: string[] = [filter.archived ? 'r.archived_at IS NOT NULL' : 'r.archived_at IS NULL'];
  const values: string[] = [];
  if (filter.experiment !== undefined) {
    values.push(filter.experiment);
    where.push(`r.experiment = $${values.length}`);
  }
  if (filter.dataset !== undefined) {
    values.push(filter.dataset);
    where.push(
      `(lower(coalesce(d.name, r.dataset_name)) = lower($${values.length}) OR r.dataset_id = $${values.length})`,
    );
  }
  const reader = await connection.runAndReadAll(
    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id`,
    values,
  );
  return reader.getRowObjectsJS().map((r) => toSummary(r as Record<string, unknown>));
}

/** The full record; `root` is the workspace folder the model path is resolved against. */
export async function getRun(connection: DuckDBConnection, id: string, root: string): Promise<RunDetail> {
  const reader = await connection.runAndReadAll(
    `${SELECT.replace('r.model_path', 'r.model_path, r.detail::VARCHAR AS detail')} WHERE r.id = $1`,
    [id],
  );
  const row = reader.getRowObjectsJS()[0] as Record<string, unknown> | undefined;
  if (!row) {
    throw new ApiError(
      'NOT_FOUND',
      `There is no run "${id}"; it may have been deleted. List the runs with \`assay runs\`.`,
    );
  }
  const detail = JSON.parse(String(row.detail ?? '{}')) as StoredDetail;
  return {
    ...toSummary(row),
    ...detail,
    ...(row.model_path === null ? {} : { modelPath: path.join(root, String(row.model_path)) }),
  };
}

export async function deleteRunRow(connection: DuckDBConnection, id: string): Promise<boolean> {
  const reader = await connection.runAndReadAll('DELETE FROM assay.runs WHERE id = $1 RETURNING id', [id]);
  return reader.getRowsJS().length > 0;
}

/** Archives (or, with `archived` false, restores) finished runs; returns the ids that changed. */
export async function setArchived(
  connection: DuckDBConnection,
  ids: string[],
  archived: boolean,
): Promise<string[]> {
  const placeholders = ids.map((_id, i) => `$${i + 1}`).join(', ');
  const reader = await connection.runAndReadAll(
    `UPDATE assay.runs SET archived_at = ${archived ? 'now()' : 'NULL'}
      WHERE id IN (${placeholders}) AND status <> 'running'
        AND archived_at IS ${archived ? 'NULL' : 'NOT NULL'}
      RETURNING id`,
    ids,
  );
  return reader.getRowsJS().map((r) => String(r[0]));
}

/** Deletes every archived run's row; returns their ids, so their files can go too. */
export async function deleteArchivedRows(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    'DELETE FROM assay.runs WHERE archived_at IS NOT NULL RETURNING id',
  );
  return reader.getRowsJS().map((r) => String(r[0]));
}

/** Writes the model JSON atomically (temporary name, then rename); returns its relative path. */
export async function writeModelFile(root: string, runId: string, model: unknown): Promise<string> {
  const relative = modelFileOf(runId);
  const file = path.join(root, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await fs.writeFile(partial, JSON.stringify(model));
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  }
  return relative;
}

export async function removeRunArtifacts(root: string, runId: string): Promise<void> {
  await fs.rm(path.join(root, runArtifactsDir(runId)), { recursive: true, force: true });
}

/** JSON text with non-finite numbers (a NaN metric on a degenerate fold) as null. */
function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : typeof v === 'bigint' ? Number(v) : v,
  );
}
