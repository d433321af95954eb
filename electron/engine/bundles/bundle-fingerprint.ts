/**
 * What a bundle's lineage and signature need from the training version's table: a content
 * fingerprint (sha256 over the version id, its columns and DuckDB's order-independent hash of
 * every row) and the missing values of each input column.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetVersion } from '../../../shared/datasets';
import { versionTable } from '../datasets/dataset-store';
import { quoteIdentifier } from '../db/sql-text';

export interface VersionFacts {
  fingerprint: string;
  missing: Map<string, number>;
}

export async function versionFacts(
  connection: DuckDBConnection,
  version: DatasetVersion,
  inputs: readonly string[],
): Promise<VersionFacts> {
  const table = versionTable(version.id);
  const counts = inputs.map((c, i) => `count(*) - count(${quoteIdentifier(c)}) AS m${i}`);
  const reader = await connection.runAndReadAll(
    `SELECT sum(hash(t))::VARCHAR AS content${counts.length ? `, ${counts.join(', ')}` : ''} FROM ${table} t`,
  );
  const row = reader.getRowsJS()[0] ?? [];
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({ id: version.id, rows: version.rows, columns: version.columns, content: row[0] }),
  );
  return {
    fingerprint: `sha256:${hash.digest('hex')}`,
    missing: new Map(inputs.map((c, i) => [c, Number(row[i + 1] ?? 0)])),
  };
}
