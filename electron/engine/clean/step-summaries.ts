/**
 * What each step did, counted on relations already materialized (the preview's sample
 * tables): rows before and after, columns added and removed, and — while rows map to
 * source rows — which kept columns changed and how many cells, joined on `__assay_row`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepSummary } from '../../../shared/clean/clean-api';
import type { ColumnInfo } from '../../../shared/datasets';
import { quoteIdentifier } from '../db/sql-text';
import type { CompiledStep } from './compile-recipe';
import { ROW } from './hidden-columns';

async function rowCount(connection: DuckDBConnection, table: string): Promise<number> {
  return Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]?.[0] ?? 0);
}

/** `tables[i]` holds the rows before step i, `tables[i + 1]` after it. */
export async function summarize(
  connection: DuckDBConnection,
  tables: string[],
  sourceColumns: ColumnInfo[],
  steps: CompiledStep[],
): Promise<StepSummary[]> {
  const counts = await Promise.all(tables.map((t) => rowCount(connection, t)));
  const out: StepSummary[] = [];
  let before = sourceColumns;
  let keyedBefore = true;
  for (const step of steps) {
    const i = step.index;
    const names = new Set(step.columns.map((c) => c.name));
    const old = new Set(before.map((c) => c.name));
    const kept = step.columns.filter((c) => old.has(c.name));
    const changed =
      keyedBefore && step.keyed ? await changedCells(connection, tables[i]!, tables[i + 1]!, kept) : null;
    out.push({
      index: i,
      op: step.step.op,
      rowsBefore: counts[i]!,
      rowsAfter: counts[i + 1]!,
      columns: step.columns,
      addedColumns: step.columns.filter((c) => !old.has(c.name)).map((c) => c.name),
      removedColumns: before.filter((c) => !names.has(c.name)).map((c) => c.name),
      changedColumns: changed ? Object.keys(changed.perColumn).filter((c) => changed.perColumn[c]! > 0) : [],
      changedCells: changed ? changed.total : null,
    });
    before = step.columns;
    keyedBefore = step.keyed;
  }
  return out;
}

async function changedCells(
  connection: DuckDBConnection,
  before: string,
  after: string,
  columns: ColumnInfo[],
): Promise<{ perColumn: Record<string, number>; total: number }> {
  if (columns.length === 0) return { perColumn: {}, total: 0 };
  const row = quoteIdentifier(ROW);
  // `columns` carry their type after the step: the value before is read as that type,
  // so 10 widened to 10.0 is no change, and a value that no longer converts is one.
  const filters = columns.map((c) => {
    const id = quoteIdentifier(c.name);
    return `count(*) FILTER (WHERE TRY_CAST(b.${id} AS ${c.type}) IS DISTINCT FROM a.${id} OR (b.${id} IS NOT NULL AND a.${id} IS NULL))`;
  });
  const reader = await connection.runAndReadAll(
    `SELECT ${filters.join(', ')} FROM ${before} b JOIN ${after} a ON a.${row} = b.${row}`,
  );
  const values = (reader.getRowsJS()[0] ?? []).map(Number);
  const perColumn = Object.fromEntries(columns.map((c, i) => [c.name, values[i] ?? 0]));
  return { perColumn, total: values.reduce((s, v) => s + v, 0) };
}
