/**
 * Decides whether SQL from a person only reads, before DuckDB binds it. Binding is not
 * harmless (binding `EXPORT DATABASE` creates its folder), so the decision is made on
 * DuckDB's own parse tree: `json_serialize_sql` serialises exactly the statements the
 * parser produced as SELECT nodes (SELECT, WITH, FROM-first, VALUES, DESCRIBE, SHOW,
 * SUMMARIZE, PIVOT) and refuses every other statement type. EXPLAIN is allowed only
 * around such a query, and PRAGMA only when DuckDB rewrites it into a SELECT. Every
 * table function named anywhere in the tree must be a known reader. What passes is then
 * prepared, and the prepared statement's type is checked once more. See
 * docs/architecture.md ("SQL console").
 */
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { ApiError, messageOf } from '../../../shared/errors';
import { READING_TABLE_FUNCTIONS } from './reading-functions';
import { afterLeadingWords, leadingWord } from './sql-words';
import { sqlLiteral } from './sql-text';

export const WRITE_REFUSED =
  'This query writes to the workspace; use “Save as dataset” to keep a result as a new version.';

const NOT_SELECT = /Only SELECT statements can be serialized/i;

/** How a checked statement is run: a query, an EXPLAIN of one, or a PRAGMA that reads. */
export type ReadingKind = 'query' | 'explain' | 'pragma';

export interface ReadCheckOptions {
  /** EXPLAIN (and EXPLAIN ANALYZE) of a query; refused where the text is spliced into other SQL. */
  allowExplain: boolean;
  /** Table-valued PRAGMAs such as `PRAGMA table_info('t')`. */
  allowPragma: boolean;
}

/** DuckDB's message as a sentence for the person who wrote the SQL. */
export function sqlError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INVALID_INPUT', messageOf(error).trim());
}

/**
 * Parse-level check, with no binding: exactly one statement, of a reading kind, calling
 * only reading table functions. Throws an ApiError with one sentence otherwise.
 */
export async function checkReadOnly(
  connection: DuckDBConnection,
  sql: string,
  options: ReadCheckOptions,
): Promise<ReadingKind> {
  let count: number;
  try {
    count = (await connection.extractStatements(sql)).count;
  } catch (error) {
    throw sqlError(error);
  }
  if (count === 0) throw new ApiError('INVALID_INPUT', 'Write a query first.');
  if (count > 1) throw new ApiError('INVALID_INPUT', `This is ${count} statements; run one query at a time.`);
  const tree = await parseTree(connection, sql);
  if (tree.ok) {
    assertReadingFunctions(tree.json);
    return 'query';
  }
  const word = leadingWord(sql);
  if (options.allowExplain && word === 'EXPLAIN') {
    const inner = await parseTree(connection, afterLeadingWords(sql));
    if (!inner.ok) throw new ApiError('INVALID_INPUT', WRITE_REFUSED);
    assertReadingFunctions(inner.json);
    return 'explain';
  }
  if (options.allowPragma && word === 'PRAGMA') return 'pragma';
  throw new ApiError('INVALID_INPUT', WRITE_REFUSED);
}

/** Check, then prepare; the prepared type must agree with what the parse tree said. */
export async function prepareReadOnly(
  connection: DuckDBConnection,
  sql: string,
  options: ReadCheckOptions = { allowExplain: true, allowPragma: true },
): Promise<DuckDBPreparedStatement> {
  const kind = await checkReadOnly(connection, sql, options);
  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await (await connection.extractStatements(sql)).prepare(0);
  } catch (error) {
    // A PRAGMA that is not table-valued may fail to bind; it was never a query.
    if (kind === 'pragma') throw new ApiError('INVALID_INPUT', WRITE_REFUSED);
    throw sqlError(error);
  }
  const expected = kind === 'explain' ? StatementType.EXPLAIN : StatementType.SELECT;
  if (prepared.statementType !== expected) {
    prepared.destroySync();
    throw new ApiError('INVALID_INPUT', WRITE_REFUSED);
  }
  return prepared;
}

type Tree = { ok: true; json: unknown } | { ok: false };

/** DuckDB's parse tree of `sql` as JSON when it is a single SELECT node; parser only. */
async function parseTree(connection: DuckDBConnection, sql: string): Promise<Tree> {
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${sqlLiteral(sql)})::VARCHAR`);
  const parsed = JSON.parse(String(reader.getRowsJS()[0]?.[0] ?? '{}')) as {
    error?: boolean;
    error_message?: string;
    statements?: unknown[];
  };
  if (!parsed.error && parsed.statements?.length === 1) return { ok: true, json: parsed.statements };
  if (parsed.error && !NOT_SELECT.test(parsed.error_message ?? '')) {
    // Parsed, but not serialisable: fail closed, with DuckDB's reason.
    throw new ApiError(
      'INVALID_INPUT',
      `The console cannot check this query (${parsed.error_message ?? 'unknown reason'}); write it as a plain SELECT.`,
    );
  }
  return { ok: false };
}

/** Every table function named in the tree (in subqueries, CTEs and joins too). */
export function tableFunctionsOf(tree: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'TABLE_FUNCTION') {
      const fn = record.function as { function_name?: unknown } | undefined;
      found.push(String(fn?.function_name ?? '?').toLowerCase());
    }
    Object.values(record).forEach(visit);
  };
  visit(tree);
  return found;
}

function assertReadingFunctions(tree: unknown): void {
  const acting = tableFunctionsOf(tree).find((name) => !READING_TABLE_FUNCTIONS.has(name));
  if (acting) {
    throw new ApiError(
      'INVALID_INPUT',
      `This query calls ${acting}(), which the console does not run because it can change DuckDB or files rather than read data; use a reading function such as read_csv or read_parquet.`,
    );
  }
}
