/** Test support for datasets: run an import job to its end, read Arrow pages, list tables. */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { DatasetVersion, ImportOptions } from '../../shared/datasets';
import type { Engine } from '../engine/index';

export async function importFiles(
  engine: Engine,
  paths: string[],
  options?: ImportOptions,
  name?: string,
): Promise<DatasetVersion> {
  return engine.datasets.startImport({ paths, ...(name ? { name } : {}), ...(options ? { options } : {}) })
    .outcome;
}

export function readPage(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

/** Every table and view in the workspace database: what "unchanged" means for a failed job. */
export async function workspaceTables(engine: Engine): Promise<string[]> {
  const reader = await engine.workspace.connection.runAndReadAll(
    `SELECT database_name || '.' || schema_name || '.' || table_name FROM duckdb_tables() WHERE NOT temporary AND database_name <> 'assay_grid_cache'
     UNION ALL SELECT database_name || '.' || schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary
     ORDER BY 1`,
  );
  return reader.getRowsJS().map((r) => String(r[0]));
}

/** The catalogue and the tables, to compare before and after a failure. */
export async function snapshot(engine: Engine): Promise<string> {
  return JSON.stringify({
    list: await engine.call('datasets.list', {}),
    tables: await workspaceTables(engine),
  });
}
