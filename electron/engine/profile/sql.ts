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

/**
 * A few connections to the same database shared by the profile's independent queries.
 * DuckDB already spreads one scan over its threads, but each aggregate's final step (a
 * quantile's selection, a GROUP BY's last merge) and the per-statement overheads are
 * serial: two statements in flight keep both cores busy through those phases. With one
 * connection this is a plain queue and statements run one after another.
 */
export class QueryPool {
  private readonly idle: DuckDBConnection[];
  private readonly waiting: ((conn: DuckDBConnection) => void)[] = [];

  /** The express lane's own queue (see `useExpress`), when it has a connection. */
  private readonly express: QueryPool | undefined;

  /**
   * `connections` take turns on the work; `express`, when given, is a connection of its
   * own for `useExpress` (it is closed with the others: see `allConnections`).
   */
  constructor(
    readonly connections: readonly DuckDBConnection[],
    express?: DuckDBConnection,
  ) {
    if (connections.length === 0) throw new Error('A query pool needs a connection.');
    this.idle = [...connections];
    this.express = express ? new QueryPool([express]) : undefined;
  }

  /** Every connection, the express lane's included. */
  get allConnections(): DuckDBConnection[] {
    return [...this.connections, ...(this.express?.connections ?? [])];
  }

  /**
   * Run short work that others wait on (the reads that feed the sort thread) on the
   * express connection, so a long statement holding every pooled connection (the
   * duplicates scan, the association sample) cannot stall it; without one, ahead of the
   * work queued on the pool.
   */
  useExpress<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.express ? this.express.use(work) : this.use(work, true);
  }

  get size(): number {
    return this.connections.length;
  }

  /**
   * Run `work` on the next free connection; `first` puts it ahead of the work already
   * waiting (for a statement others wait on).
   */
  async use<T>(work: (conn: DuckDBConnection) => Promise<T>, first = false): Promise<T> {
    const conn =
      this.idle.pop() ??
      (await new Promise<DuckDBConnection>((resolve) =>
        first ? this.waiting.unshift(resolve) : this.waiting.push(resolve),
      ));
    try {
      return await work(conn);
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else this.idle.push(conn);
    }
  }

  rows(sql: string, signal?: AbortSignal): Promise<unknown[][]> {
    return this.use((conn) => queryRows(conn, sql, signal));
  }
}

/**
 * Like Promise.all, but waits for every task to settle before rethrowing the first
 * failure, so no statement is still running on a connection the caller is about to close.
 */
export async function settleAll<T>(tasks: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
