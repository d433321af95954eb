/**
 * One transaction for a dataset version and the features record that describes it (a
 * feature set's version, a point-in-time join's sets): the table, the version row and
 * views, and the record commit together, so a problem, a failure or a cancel leaves
 * neither (docs/architecture.md, "Inside the features capability"). It is the datasets'
 * derive frame with one more step before COMMIT.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetVersion, Lineage } from '../../../../shared/datasets';
import { formatCount } from '../../../../shared/format';
import { isInterrupt } from '../../db/duckdb-errors';
import { addVersion, getVersion, newId, versionTable } from '../../datasets/dataset-store';
import type { ImportDeps } from '../../datasets/importer';
import { describeColumns } from '../../datasets/import-staging';
import type { JobContext } from '../../jobs/job-manager';

export interface Built<R> {
  lineage: Lineage;
  /** Writes the features record once the version exists (same transaction). */
  record(connection: DuckDBConnection, version: DatasetVersion): Promise<R>;
}

export async function deriveRecordedVersion<R>(
  ctx: JobContext,
  deps: ImportDeps,
  datasetName: string,
  build: (connection: DuckDBConnection, table: string) => Promise<Built<R>>,
): Promise<{ version: DatasetVersion; recorded: R }> {
  const connection = await deps.connect();
  const interrupt = () => connection.interrupt();
  ctx.signal.addEventListener('abort', interrupt);
  let inTransaction = false;
  try {
    await connection.run('BEGIN TRANSACTION');
    inTransaction = true;
    const versionId = newId('v');
    const table = versionTable(versionId);
    const built = await build(connection, table);
    ctx.throwIfCancelled();
    const columns = await describeColumns(connection, table);
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
    const rows = Number(reader.getRowsJS()[0]?.[0] ?? 0);
    const { dataset, number } = await addVersion(connection, {
      id: versionId,
      dataset: datasetName,
      rows,
      columns,
      lineage: built.lineage,
      sourceKey: null,
      rejectedRows: 0,
    });
    const version = await getVersion(connection, versionId);
    const recorded = await built.record(connection, version);
    ctx.throwIfCancelled();
    await connection.run('COMMIT');
    inTransaction = false;
    ctx.finalStage(`Saved ${formatCount(rows)} rows as ${dataset.name}@${number}`);
    return { version, recorded };
  } catch (error) {
    if (inTransaction) await connection.run('ROLLBACK').catch(() => undefined);
    if (ctx.signal.aborted || isInterrupt(error)) {
      const cancelled = new Error('Cancelled.');
      cancelled.name = 'AbortError';
      throw cancelled;
    }
    throw error;
  } finally {
    ctx.signal.removeEventListener('abort', interrupt);
    deps.release(connection);
  }
}
