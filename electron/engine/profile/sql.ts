/**
 * SQL text helpers for the profiler. Column names come from user files, so every one is
 * quoted here; the relation itself arrives already quoted (the caller owns its naming).
 * Queries run through `runQuery`, which ties a DuckDB interrupt to the job's AbortSignal
 * and keeps the failing SQL on errors so a bug report says which statement broke.
 */
import type { DuckDBConnection, DuckDBMaterializedResult } from '@duckdb/node-api';

/** A double-quoted identifier; embedded quotes doubled. */
export function ident(name: string): string {
  if (name.includes('\0')) throw new Error('A column name cannot contain a NUL character.');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted string literal. */
export function literal(text: string): string {
  if (text.includes('\0')) throw new Error('A SQL string cannot contain a NUL character.');
  return `'${text.replaceAll("'", "''")}'`;
}

/** A finite number as SQL text (doubles keep full precision). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as a SQL number.`);
  return Number.isInteger(value) ? `${value}` : value.toPrecision(17);
}

/** The error thrown when a profile is cancelled (name 'AbortError', like fetch). */
export function abortError(): Error {
  const error = new Error('The profile was cancelled.');
  error.name = 'AbortError';
  return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** An error that keeps the SQL that failed. */
export class ProfileQueryError extends Error {
  constructor(
    message: string,
    readonly sql: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProfileQueryError';
  }
}

/**
 * Run one statement and read all of it. An abort interrupts DuckDB mid-query (so a
 * cancelled 3M-row scan stops at once) and surfaces as an AbortError.
 */
export async function runQuery(
  conn: DuckDBConnection,
  sql: string,
  signal?: AbortSignal,
): Promise<DuckDBMaterializedResult> {
  throwIfAborted(signal);
  const onAbort = (): void => conn.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await conn.run(sql);
  } catch (error) {
    if (signal?.aborted) throw abortError();
    const message = error instanceof Error ? error.message : String(error);
    throw new ProfileQueryError(`Profile query failed: ${message}`, sql, { cause: error });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Rows of a result as JS values (lists as arrays, maps as {key, value} arrays, BIGINT as
 * bigint, timestamps as Date); `values.ts` turns them into JSON.
 */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
  signal?: AbortSignal,
): Promise<unknown[][]> {
  const result = await runQuery(conn, sql, signal);
  return (await result.getRowsJS()) as unknown[][];
}
