/**
 * The step of an import where DuckDB reads the files into the version's table, with
 * progress from DuckDB's own progress counter, and the explanation when it fails: a
 * damaged gzip is reported by the fingerprint's integrity check (DuckDB's reader is
 * confused by it), a ragged CSV names its first bad line, anything else goes through
 * describeReadError.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileFormat } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { isInterrupt, storageFailure } from '../db/duckdb-errors';
import type { JobContext } from '../jobs/job-manager';
import type { Hashing } from './import-fingerprint';
import { describeReadError } from './import-errors';
import type { Staging } from './import-staging';
import { assertUnchanged } from './source-changes';
import { firstRaggedLine, type ResolvedFile } from './source-files';

export interface ReadStep {
  ctx: JobContext;
  connection: DuckDBConnection;
  table: string;
  staging: Staging;
  files: ResolvedFile[];
  format: FileFormat;
  hashing: Hashing;
  totalBytes: number;
}

export async function readIntoTable(step: ReadStep): Promise<void> {
  const { ctx, connection, totalBytes } = step;
  const poll = setInterval(() => {
    const p = connection.progress;
    if (p.percentage >= 0)
      ctx.progress({ done: Math.round((p.percentage / 100) * totalBytes), total: totalBytes });
  }, 200);
  try {
    await connection.run(`CREATE TABLE ${step.table} AS SELECT * FROM ${step.staging.source}`);
  } catch (error) {
    if (isInterrupt(error) || ctx.signal.aborted) throw error;
    throw await explainReadFailure(step, error);
  } finally {
    clearInterval(poll);
  }
}

async function explainReadFailure(step: ReadStep, error: unknown): Promise<ApiError> {
  const { files, staging } = step;
  const names = files.map((f) => path.basename(f.path)).join(', ');
  const storage = storageFailure(error, `importing ${names}`);
  if (storage) return storage;
  // A file cut or rewritten under the reader fails in odd places; the change is the reason.
  const changed = await assertUnchanged(files).then(
    () => null,
    (e: unknown) => (e instanceof ApiError ? e : null),
  );
  if (changed) return changed;
  const damaged = await step.hashing.done.then(
    () => null,
    (e: unknown) => (e instanceof ApiError ? e : null),
  );
  if (damaged) return damaged;
  const described = describeReadError(
    error,
    files.map((f) => f.path),
    staging.header,
  );
  if (
    step.format === 'csv' &&
    /could not be read as CSV/.test(described.message) &&
    staging.options.delimiter
  ) {
    for (const f of files) {
      const ragged = await firstRaggedLine(f, staging.options.delimiter);
      if (ragged) {
        return new ApiError(
          'INVALID_INPUT',
          `Line ${formatCount(ragged.line)} of ${path.basename(f.path)} has ${ragged.fields} fields where the header has ${ragged.expected}; fix the file or skip bad rows.`,
        );
      }
    }
  }
  return described;
}
