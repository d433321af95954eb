/**
 * The dataset catalogue: datasets, their immutable versions with lineage, and the SQL
 * views that let people write `SELECT * FROM flights` (latest version) or
 * `SELECT * FROM "flights@3"`. Every function takes the connection to use, so an import
 * can write its version row, its table and its views inside one transaction and leave
 * nothing behind when it is rolled back.
 */
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, DatasetSummary, DatasetVersion, Lineage } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { qualifiedName, quoteIdentifier } from '../db/sql-text';

/** Schema holding one table per version; the table is named by the version id. */
export const DATA_SCHEMA = 'data';

export interface DatasetRecord {
  id: string;
  name: string;
  tags: string[];
  createdAt: string;
}

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

export function versionTable(versionId: string): string {
  return qualifiedName(DATA_SCHEMA, versionId);
}

/** How a version is named in SQL and on the command line. */
export function versionViewName(dataset: string, number: number): string {
  return `${dataset}@${number}`;
}

const VERSION_COLUMNS = `v.id, d.name AS dataset, v.number, v.row_count, v.columns::VARCHAR AS columns,
  v.size_bytes, epoch_ms(v.created_at) AS created_ms, v.lineage::VARCHAR AS lineage, v.rejected_rows`;

function toVersion(row: Record<string, unknown>): DatasetVersion {
  return {
    id: String(row.id),
    dataset: String(row.dataset),
    number: Number(row.number),
    rows: Number(row.row_count),
    columns: JSON.parse(String(row.columns)) as ColumnInfo[],
    sizeBytes: Number(row.size_bytes),
    createdAt: new Date(Number(row.created_ms)).toISOString(),
    lineage: JSON.parse(String(row.lineage)) as Lineage,
    rejectedRows: Number(row.rejected_rows),
  };
}

async function rows(
  connection: DuckDBConnection,
  sql: string,
  values: Array<string | number> = [],
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** A dataset by name, compared case-insensitively because SQL identifiers are. */
export async function findDataset(connection: DuckDBConnection, name: string): Promise<DatasetRecord | null> {
  const [row] = await rows(
    connection,
    `SELECT id, name, tags::VARCHAR AS tags, epoch_ms(created_at) AS created_ms
       FROM assay.datasets WHERE lower(name) = lower($1)`,
    [name.trim()],
  );
  if (!row) return null;
  return {
    id: String(row.id),
    name: String(row.name),
    tags: JSON.parse(String(row.tags)) as string[],
    createdAt: new Date(Number(row.created_ms)).toISOString(),
  };
}

export async function requireDataset(connection: DuckDBConnection, name: string): Promise<DatasetRecord> {
  const found = await findDataset(connection, name);
  if (!found) {
    throw new ApiError(
      'NOT_FOUND',
      `There is no dataset named "${name}"; list them with \`assay datasets\`.`,
    );
  }
  return found;
}

export async function createDataset(connection: DuckDBConnection, name: string): Promise<DatasetRecord> {
  const id = newId('d');
  await connection.run('INSERT INTO assay.datasets (id, name) VALUES ($1, $2)', [id, name]);
  return { id, name, tags: [], createdAt: new Date().toISOString() };
}

export async function listVersions(
  connection: DuckDBConnection,
  datasetId: string,
): Promise<DatasetVersion[]> {
  const found = await rows(
    connection,
    `SELECT ${VERSION_COLUMNS} FROM assay.dataset_versions v JOIN assay.datasets d ON d.id = v.dataset_id
      WHERE v.dataset_id = $1 ORDER BY v.number`,
    [datasetId],
  );
  return found.map(toVersion);
}

export async function getVersion(connection: DuckDBConnection, versionId: string): Promise<DatasetVersion> {
  const [row] = await rows(
    connection,
    `SELECT ${VERSION_COLUMNS} FROM assay.dataset_versions v JOIN assay.datasets d ON d.id = v.dataset_id
      WHERE v.id = $1`,
    [versionId],
  );
  if (!row) {
    throw new ApiError(
      'NOT_FOUND',
      `There is no dataset version "${versionId}"; it may have been deleted. Reload the list of datasets.`,
    );
  }
  return toVersion(row);
}

/**
 * A version from what a person wrote: its id, `dataset@N`, or a dataset name (its latest
 * version). The CLI and the SQL console use the same spelling.
 */
export async function resolveVersion(
  connection: DuckDBConnection,
  reference: string,
): Promise<DatasetVersion> {
  const [byId] = await rows(connection, 'SELECT id FROM assay.dataset_versions WHERE id = $1', [reference]);
  if (byId) return getVersion(connection, reference);
  const at = /^(.*)@(\d+)$/.exec(reference);
  const dataset = await requireDataset(connection, at ? at[1]! : reference);
  const versions = await listVersions(connection, dataset.id);
  const chosen = at ? versions.find((v) => v.number === Number(at[2])) : versions.at(-1);
  if (!chosen) {
    const numbers = versions.map((v) => v.number).join(', ');
    throw new ApiError(
      'NOT_FOUND',
      `Dataset "${dataset.name}" has no version ${at?.[2] ?? ''}; its versions are ${numbers || 'none'}.`,
    );
  }
  return chosen;
}

export async function nextVersionNumber(connection: DuckDBConnection, datasetId: string): Promise<number> {
  const [row] = await rows(
    connection,
    'SELECT coalesce(max(number), 0) + 1 AS n FROM assay.dataset_versions WHERE dataset_id = $1',
    [datasetId],
  );
  return Number(row?.n ?? 1);
}

export interface NewVersion {
  id: string;
  datasetId: string;
  number: number;
  rows: number;
  columns: ColumnInfo[];
  sizeBytes: number;
  lineage: Lineage;
  sourceKey: string | null;
  rejectedRows: number;
}

export async function insertVersion(connection: DuckDBConnection, version: NewVersion): Promise<void> {
  await connection.run(
    `INSERT INTO assay.dataset_versions
       (id, dataset_id, number, row_count, columns, size_bytes, lineage, source_key, rejected_rows)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      version.id,
      version.datasetId,
      version.number,
      version.rows,
      JSON.stringify(version.columns),
      version.sizeBytes,
      JSON.stringify(version.lineage),
      version.sourceKey,
      version.rejectedRows,
    ],
  );
}

/**
 * Records a version whose table is already built: under its dataset (created on first
 * use), as the next number, with the dataset's SQL views pointing at it. Runs inside the
 * caller's transaction, so a failure later in the job leaves no trace.
 */
export async function addVersion(
  connection: DuckDBConnection,
  version: Omit<NewVersion, 'datasetId' | 'number' | 'sizeBytes'> & { dataset: string },
): Promise<{ dataset: DatasetRecord; number: number }> {
  const { dataset: name, ...rest } = version;
  const dataset = (await findDataset(connection, name)) ?? (await createDataset(connection, name));
  const number = await nextVersionNumber(connection, dataset.id);
  await insertVersion(connection, {
    ...rest,
    datasetId: dataset.id,
    number,
    sizeBytes: estimateSizeBytes(version.columns, version.rows),
  });
  await createViews(connection, dataset.id, dataset.name);
  return { dataset, number };
}

/** The version of a dataset that an identical import already produced, if any. */
export async function findBySourceKey(
  connection: DuckDBConnection,
  datasetId: string,
  sourceKey: string,
): Promise<DatasetVersion | null> {
  const [row] = await rows(
    connection,
    'SELECT id FROM assay.dataset_versions WHERE dataset_id = $1 AND source_key = $2 ORDER BY number DESC LIMIT 1',
    [datasetId, sourceKey],
  );
  return row ? getVersion(connection, String(row.id)) : null;
}

/** Lineage of earlier imports into a dataset, to spot a re-import before hashing anything. */
export async function importLineages(connection: DuckDBConnection, datasetId: string): Promise<Lineage[]> {
  const found = await rows(
    connection,
    `SELECT lineage::VARCHAR AS lineage FROM assay.dataset_versions
      WHERE dataset_id = $1 AND source_key IS NOT NULL`,
    [datasetId],
  );
  return found.map((r) => JSON.parse(String(r.lineage)) as Lineage);
}

/** Drop the SQL views of a dataset (before a rename or delete). */
export async function dropViews(
  connection: DuckDBConnection,
  name: string,
  numbers: number[],
): Promise<void> {
  await connection.run(`DROP VIEW IF EXISTS main.${quoteIdentifier(name)}`);
  for (const n of numbers) {
    await connection.run(`DROP VIEW IF EXISTS main.${quoteIdentifier(versionViewName(name, n))}`);
  }
}

/** (Re)create `name` → latest version and `name@N` → each version. */
export async function createViews(
  connection: DuckDBConnection,
  datasetId: string,
  name: string,
): Promise<void> {
  const versions = await rows(
    connection,
    'SELECT id, number FROM assay.dataset_versions WHERE dataset_id = $1 ORDER BY number',
    [datasetId],
  );
  for (const v of versions) {
    await connection.run(
      `CREATE OR REPLACE VIEW main.${quoteIdentifier(versionViewName(name, Number(v.number)))} AS SELECT * FROM ${versionTable(String(v.id))}`,
    );
  }
  const latest = versions.at(-1);
  if (latest) {
    await connection.run(
      `CREATE OR REPLACE VIEW main.${quoteIdentifier(name)} AS SELECT * FROM ${versionTable(String(latest.id))}`,
    );
  }
}

export async function listDatasets(connection: DuckDBConnection): Promise<DatasetSummary[]> {
  const found = await rows(
    connection,
    `SELECT d.id, d.name, d.tags::VARCHAR AS tags, epoch_ms(d.created_at) AS created_ms,
            count(v.id) AS version_count, max(v.number) AS latest
       FROM assay.datasets d JOIN assay.dataset_versions v ON v.dataset_id = d.id
      GROUP BY d.id, d.name, d.tags, d.created_at ORDER BY lower(d.name)`,
  );
  const latest = await rows(
    connection,
    `SELECT ${VERSION_COLUMNS} FROM assay.dataset_versions v JOIN assay.datasets d ON d.id = v.dataset_id
      QUALIFY v.number = max(v.number) OVER (PARTITION BY v.dataset_id)`,
  );
  const latestById = new Map(latest.map((r) => [String(r.dataset), toVersion(r)]));
  return found.map((r) => ({
    name: String(r.name),
    tags: JSON.parse(String(r.tags)) as string[],
    versionCount: Number(r.version_count),
    createdAt: new Date(Number(r.created_ms)).toISOString(),
    latest: latestById.get(String(r.name))!,
  }));
}

export async function summary(connection: DuckDBConnection, name: string): Promise<DatasetSummary> {
  const found = (await listDatasets(connection)).find((d) => d.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new ApiError('NOT_FOUND', `There is no dataset named "${name}".`);
  return found;
}

const WIDTHS: Record<string, number> = { BOOLEAN: 1, TINYINT: 1, SMALLINT: 2, INTEGER: 4, FLOAT: 4, DATE: 4 };

/**
 * Bytes a version takes, estimated: DuckDB compresses columns, so this is an upper bound
 * (fixed-width types at their width, text at 16 bytes a value, DuckDB's inline size).
 */
export function estimateSizeBytes(columns: ColumnInfo[], rowCount: number): number {
  const perRow = columns.reduce((n, c) => n + (WIDTHS[c.type] ?? (c.type === 'VARCHAR' ? 16 : 8)), 0);
  return perRow * rowCount;
}
