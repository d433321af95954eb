/**
 * Date operations: parse_date (text → TIMESTAMP with a strftime format) and date_part (one
 * calendar field into a new integer column).
 *
 * Time zones: a format with `%z` parses to an instant (TIMESTAMPTZ in DuckDB, UTC-aware
 * datetime64 in pandas); without it the result is a naive TIMESTAMP in both. date_part
 * reads an instant's fields in UTC on both sides, so the session's TimeZone setting never
 * changes a result.
 */
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { sqlLiteral } from '../../db/sql-text';
import type { OpDefinition, StepIssue } from '../op-definition';
import { findColumn, nameClash, pandasAdding, py, q, selectAdding, selectReplacing } from './columns-support';
import { columnOfType } from './stat-support';

function formatIssues(format: string): StepIssue[] {
  if (!format.includes('%')) {
    return [{ field: 'format', message: 'The format has no % field; write one like %Y-%m-%d %H:%M:%S.' }];
  }
  const bad = /%(?![aAbBcdfHIjmMpSUwWxXyYzZ%gGuVeTDRrhn-])./.exec(format);
  return bad ? [{ field: 'format', message: `"${bad[0]}" is not a strftime field.` }] : [];
}

export const parseDate: OpDefinition<'parse_date'> = {
  op: 'parse_date',
  label: 'Parse dates',
  keepsRows: true,
  check(step, columns) {
    return [...columnOfType(columns, step.column, 'column', 'text'), ...formatIssues(step.format)];
  },
  sql(step, ctx) {
    // try_ turns text that does not match into NULL, as pandas' errors='coerce' gives NaT.
    const parsed = `try_strptime(${q(step.column)}, ${sqlLiteral(step.format)})`;
    return `SELECT ${selectReplacing(ctx, new Map([[step.column, parsed]]))} FROM ${ctx.input}`;
  },
  pandas(step) {
    const utc = step.format.includes('%z') ? ', utc=True' : '';
    const c = py(step.column);
    return [`df[${c}] = pd.to_datetime(df[${c}], format=${py(step.format)}, errors="coerce"${utc})`];
  },
};

type Part = StepOf<'date_part'>['part'];

/** DuckDB's function for each part; weekday counts Monday = 0 like pandas. */
const SQL_PART: Record<Part, (value: string) => string> = {
  year: (v) => `year(${v})`,
  quarter: (v) => `quarter(${v})`,
  month: (v) => `month(${v})`,
  day: (v) => `day(${v})`,
  weekday: (v) => `(isodow(${v}) - 1)`,
  dayofyear: (v) => `dayofyear(${v})`,
  week: (v) => `week(${v})`,
  hour: (v) => `hour(${v})`,
  minute: (v) => `minute(${v})`,
  second: (v) => `second(${v})`,
};

/** The pandas accessor for each part; `week` is the ISO week, as DuckDB's week(). */
const PANDAS_PART: Record<Part, string> = {
  year: '.dt.year',
  quarter: '.dt.quarter',
  month: '.dt.month',
  day: '.dt.day',
  weekday: '.dt.weekday',
  dayofyear: '.dt.dayofyear',
  week: '.dt.isocalendar().week',
  hour: '.dt.hour',
  minute: '.dt.minute',
  second: '.dt.second',
};

function isInstant(column: ColumnInfo | undefined): boolean {
  return column !== undefined && /TIMESTAMPTZ|WITH TIME ZONE/i.test(column.type);
}

function datePartIssues(step: StepOf<'date_part'>, columns: ColumnInfo[]): StepIssue[] {
  const issues = columnOfType(columns, step.column, 'column', 'temporal');
  const column = findColumn(columns, step.column);
  if (
    issues.length === 0 &&
    column &&
    /^(TIME|TIMETZ|INTERVAL|TIME WITH TIME ZONE)$/i.test(column.type.trim())
  ) {
    issues.push({ field: 'column', message: `"${step.column}" is ${column.type}; it has no calendar date.` });
  }
  return [
    ...issues,
    ...nameClash(
      columns.map((c) => c.name),
      step.name,
      'name',
    ),
  ];
}

export const datePart: OpDefinition<'date_part'> = {
  op: 'date_part',
  label: 'Extract a date part',
  keepsRows: true,
  check: datePartIssues,
  sql(step, ctx) {
    const column = q(step.column);
    const value = isInstant(findColumn(ctx.columns, step.column)) ? `timezone('UTC', ${column})` : column;
    const expression = `CAST(${SQL_PART[step.part](value)} AS BIGINT)`;
    return `SELECT ${selectAdding(ctx, step.column, [{ expression, name: step.name }])} FROM ${ctx.input}`;
  },
  pandas(step, ctx) {
    const utc = isInstant(findColumn(ctx.columns, step.column)) ? ', utc=True' : '';
    const values = `pd.to_datetime(df[${py(step.column)}]${utc})${PANDAS_PART[step.part]}.astype("Int64")`;
    return pandasAdding(step.column, [{ values, name: step.name }]);
  },
};
