/**
 * The check a cast needs from the data, not only from the columns: with on_error "fail"
 * any value that does not convert would stop the application half-way, so the check
 * refuses it first, counting the values and quoting one, and tells to choose on_error
 * "null" to make them NULL on purpose (the "asks first"; docs/architecture.md).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepOf } from '../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../shared/datasets';
import { formatCount } from '../../../shared/format';
import { checkedTypeName, quoteIdentifier } from '../db/sql-text';
import { castValue } from './ops/columns-ops';

export async function castProblem(
  connection: DuckDBConnection,
  input: string,
  step: StepOf<'cast'>,
  columns: ColumnInfo[],
): Promise<string | null> {
  const id = quoteIdentifier(step.column);
  const type = checkedTypeName(step.type);
  // The same value the step casts (a JSON cell's plain text), so the check and the step agree.
  const value = castValue(step.column, columns.find((c) => c.name === step.column)?.type ?? '');
  const fails = `${id} IS NOT NULL AND TRY_CAST(${value} AS ${type}) IS NULL`;
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FILTER (WHERE ${fails}), count(${id}),
            (SELECT CAST(${id} AS VARCHAR) FROM ${input} WHERE ${fails} LIMIT 1)
       FROM ${input}`,
  );
  const [bad, present, example] = reader.getRowsJS()[0] ?? [0, 0, null];
  const failing = Number(bad);
  if (failing === 0) return null;
  const most = failing * 2 > Number(present) ? 'most values' : 'some values';
  return `${most} of "${step.column}" do not convert to ${type} (${formatCount(failing)} of ${formatCount(Number(present))}, e.g. "${String(example)}"); set on_error to "null" to turn them into NULL, or clean them first.`;
}
