/**
 * Which columns a ranking reads and how: numbers, dates and timestamps as finite doubles
 * (dates as epoch seconds; NaN and ±∞ count as missing), text, enums and booleans as
 * categories. Columns of other types (lists, structs, blobs, intervals …) are skipped with
 * a reason rather than failing the ranking (docs/architecture.md, "Inside the features
 * capability").
 */
import type { ColumnInfo } from '../../../../shared/datasets';
import { ApiError } from '../../../../shared/errors';
import { typeFamily } from '../../db/duckdb-types';
import { quoteIdentifier } from '../../db/sql-text';

export interface RankColumn {
  name: string;
  type: string;
  kind: 'numeric' | 'categorical';
  /** SQL for the value: a DOUBLE (NULL when missing) or a VARCHAR. */
  sql: string;
  /** The quoted column itself. */
  raw: string;
  /** `sql` without the finite guard of floating columns (NaN and ±∞ pass through). */
  unguardedSql: string;
}

/** How a column of `type` is read, or null when it cannot be ranked. */
export function rankColumn(column: ColumnInfo): RankColumn | null {
  const id = quoteIdentifier(column.name);
  const base = column.type.trim().toUpperCase();
  const numeric = (sql: string, unguardedSql = sql): RankColumn => ({
    ...column,
    kind: 'numeric',
    sql,
    raw: id,
    unguardedSql,
  });
  const categorical: RankColumn = {
    ...column,
    kind: 'categorical',
    sql: `CAST(${id} AS VARCHAR)`,
    raw: id,
    unguardedSql: `CAST(${id} AS VARCHAR)`,
  };
  switch (typeFamily(column.type)) {
    case 'integer':
    case 'decimal':
      return numeric(`CAST(${id} AS DOUBLE)`);
    case 'float':
      return numeric(`CASE WHEN isfinite(${id}) THEN CAST(${id} AS DOUBLE) END`, `CAST(${id} AS DOUBLE)`);
    case 'temporal':
      return base === 'DATE' || base.startsWith('TIMESTAMP') || base === 'DATETIME'
        ? numeric(`CAST(epoch(${id}) AS DOUBLE)`)
        : null;
    case 'text':
    case 'boolean':
      return categorical;
    default:
      return base.startsWith('ENUM') ? categorical : null;
  }
}

export interface ColumnPlan {
  target: RankColumn;
  features: RankColumn[];
  skipped: { column: string; reason: string }[];
}

/** The target and the features of a request, checked against the version's columns. */
export function planColumns(
  columns: readonly ColumnInfo[],
  versionName: string,
  target: string,
  chosen: readonly string[] | undefined,
): ColumnPlan {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const targetInfo = byName.get(target);
  if (!targetInfo) {
    throw new ApiError(
      'INVALID_INPUT',
      `${versionName} has no column "${target}" to rank against; choose the target from its columns (${listed(columns)}).`,
    );
  }
  const targetColumn = rankColumn(targetInfo);
  if (!targetColumn) {
    throw new ApiError(
      'INVALID_INPUT',
      `The target "${target}" is of type ${targetInfo.type}, which cannot be ranked against; choose a number, date, text or boolean column.`,
    );
  }
  const unknown = (chosen ?? []).filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `${versionName} has no column ${unknown.map((n) => `"${n}"`).join(', ')}; list only its columns in columns.`,
    );
  }
  const skipped: ColumnPlan['skipped'] = [];
  const features: RankColumn[] = [];
  for (const name of new Set(chosen ?? columns.map((c) => c.name))) {
    const info = byName.get(name)!;
    const column = rankColumn(info);
    if (name === target) skipped.push({ column: name, reason: 'it is the target' });
    else if (column) features.push(column);
    else skipped.push({ column: name, reason: `its type ${info.type} cannot be ranked` });
  }
  if (features.length === 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `${versionName} has no column besides the target "${target}" that can be ranked; rank a table with number, date, text or boolean columns.`,
    );
  }
  return { target: targetColumn, features, skipped };
}

function listed(columns: readonly ColumnInfo[]): string {
  const names = columns.slice(0, 8).map((c) => `"${c.name}"`);
  return columns.length > 8 ? `${names.join(', ')} …` : names.join(', ');
}
