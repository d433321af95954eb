/**
 * The workspace's models and versions (table assay.model_versions, migration 7): one row per
 * exported or pulled bundle, its folder relative to the workspace, its files, metrics and
 * where it was pushed. Rows are inserted once; a push or pull only adds a reference and the
 * digest.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BundleFile, BundleInfo, ModelVersionSummary } from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import type { MetricKey, Metrics, Task } from '../../../shared/training';

export interface VersionRow extends ModelVersionSummary {
  model: string;
  task: Task;
  folder: string;
  tarball: string;
  files: BundleFile[];
}

const SELECT = `SELECT model, version, task, run_id, dataset, algorithm, metrics::VARCHAR AS metrics,
  primary_metric, folder, files::VARCHAR AS files, digest, pushed_refs::VARCHAR AS pushed_refs, pulled,
  strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at FROM assay.model_versions`;

function toRow(r: Record<string, unknown>, root: string): VersionRow {
  const folder = path.join(root, String(r.folder));
  const model = String(r.model);
  const version = String(r.version);
  return {
    model,
    version,
    task: String(r.task) as Task,
    createdAt: String(r.created_at),
    run: String(r.run_id),
    dataset: String(r.dataset),
    algorithm: String(r.algorithm),
    metrics: JSON.parse(String(r.metrics)) as Metrics,
    primaryMetric: String(r.primary_metric) as MetricKey,
    ...(r.digest === null ? {} : { digest: String(r.digest) }),
    pushedRefs: JSON.parse(String(r.pushed_refs)) as string[],
    pulled: r.pulled === true,
    folder,
    tarball: path.join(path.dirname(folder), `${model}-${version}.tar.gz`),
    files: JSON.parse(String(r.files)) as BundleFile[],
  };
}

export async function listVersionRows(connection: DuckDBConnection, root: string): Promise<VersionRow[]> {
  const reader = await connection.runAndReadAll(`${SELECT} ORDER BY model, created_at`);
  return (reader.getRowObjectsJS() as Array<Record<string, unknown>>).map((r) => toRow(r, root));
}

export async function findVersionRow(
  connection: DuckDBConnection,
  root: string,
  model: string,
  version: string,
): Promise<VersionRow | undefined> {
  const reader = await connection.runAndReadAll(`${SELECT} WHERE model = $1 AND version = $2`, [
    model,
    version,
  ]);
  const row = reader.getRowObjectsJS()[0] as Record<string, unknown> | undefined;
  return row ? toRow(row, root) : undefined;
}

export async function requireVersionRow(
  connection: DuckDBConnection,
  root: string,
  model: string,
  version: string,
): Promise<VersionRow> {
  const row = await findVersionRow(connection, root, model, version);
  if (!row)
    throw new ApiError(
      'NOT_FOUND',
      `There is no version ${version} of the model "${model}"; list them with \`assay models\`.`,
    );
  return row;
}

export async function versionsOf(connection: DuckDBConnection, model: string): Promise<string[]> {
  const reader = await connection.runAndReadAll('SELECT version FROM assay.model_versions WHERE model = $1', [
    model,
  ]);
  return reader.getRowsJS().map((r) => String(r[0]));
}

export interface NewVersion {
  info: BundleInfo;
  task: Task;
  algorithm: string;
  metrics: Metrics;
  primaryMetric: MetricKey;
  pulled: boolean;
  pushedRefs: string[];
}

export async function insertVersionRow(
  connection: DuckDBConnection,
  root: string,
  v: NewVersion,
): Promise<void> {
  const { info } = v;
  await connection.run(
    `INSERT INTO assay.model_versions (model, version, task, run_id, dataset, algorithm, metrics, primary_metric,
       folder, files, digest, pushed_refs, pulled, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::JSON, $8, $9, $10::JSON, $11, $12::JSON, $13, $14::TIMESTAMPTZ)`,
    [
      info.model,
      info.version,
      v.task,
      info.run,
      info.dataset,
      v.algorithm,
      JSON.stringify(v.metrics),
      v.primaryMetric,
      path.relative(root, info.folder),
      JSON.stringify(info.files),
      info.digest ?? null,
      JSON.stringify(v.pushedRefs),
      v.pulled,
      info.createdAt,
    ],
  );
}

/** Records a push (or pull) of a version: its digest, and the reference once. */
export async function recordReference(
  connection: DuckDBConnection,
  model: string,
  version: string,
  reference: string,
  digest: string,
): Promise<void> {
  await connection.run(
    `UPDATE assay.model_versions SET digest = $3,
       pushed_refs = CASE WHEN list_contains(pushed_refs::VARCHAR[], $4) THEN pushed_refs
                          ELSE to_json(list_append(pushed_refs::VARCHAR[], $4)) END
     WHERE model = $1 AND version = $2`,
    [model, version, digest, reference],
  );
}
