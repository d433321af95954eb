/**
 * Missing values and duplicates: drop_missing, fill_missing and drop_duplicates. A float
 * NaN counts as missing here, because pandas cannot tell NaN from NULL and the pandas code
 * must give the same rows. Fills with a statistic (mean, median, mode) read it from the
 * step's fitted statistics, so a replay can reuse them; forward and backward fills are
 * window functions over the current row order (`ctx.order`), or over `order_by` within
 * `group_by`; the engine puts the rows back in order at the end.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { sqlLiteral } from '../../db/sql-text';
import type { OpDefinition, StepContext, StepIssue, StepStats } from '../op-definition';
import {
  findColumn,
  isNumericType,
  missingAware,
  missingColumns,
  py,
  pyList,
  q,
  reversedOrder,
  selectReplacing,
  typeFamily,
} from './columns-support';

function columnOf(columns: ColumnInfo[], name: string): ColumnInfo {
  return findColumn(columns, name) ?? { name, type: 'VARCHAR' };
}

export const dropMissing: OpDefinition<'drop_missing'> = {
  op: 'drop_missing',
  label: 'Drop rows with missing values',
  keepsRows: true,
  check: (step, columns) => missingColumns(columns, step.columns ?? [], 'columns'),
  sql(step, ctx) {
    const chosen = step.columns?.map((name) => columnOf(ctx.columns, name)) ?? ctx.columns;
    const present = chosen.map((c) => `${missingAware(c)} IS NOT NULL`).join(' AND ');
    const items = ctx.rowKey + ctx.columns.map((c) => q(c.name)).join(', ');
    return `SELECT ${items} FROM ${ctx.input}${present ? ` WHERE ${present}` : ''}`;
  },
  pandas: (step) => [step.columns ? `df = df.dropna(subset=${pyList(step.columns)})` : 'df = df.dropna()'],
};

type FillStep = StepOf<'fill_missing'>;

function fillIssues(step: FillStep, columns: ColumnInfo[]): StepIssue[] {
  const issues = [
    ...missingColumns(columns, [step.column], 'column'),
    ...missingColumns(columns, step.order_by ? [step.order_by] : [], 'order_by'),
    ...missingColumns(columns, step.group_by ?? [], 'group_by'),
  ];
  const column = findColumn(columns, step.column);
  const family = column ? typeFamily(column.type) : undefined;
  const ordered = step.strategy === 'ffill' || step.strategy === 'bfill';
  if (!ordered && (step.order_by !== undefined || step.group_by !== undefined)) {
    issues.push({ field: 'order_by', message: 'order_by and group_by apply only to ffill and bfill.' });
  }
  if ((step.strategy === 'mean' || step.strategy === 'median') && column && !isNumericType(column.type)) {
    issues.push({
      field: 'strategy',
      message: `The ${step.strategy} needs numbers, and "${column.name}" is ${column.type}.`,
    });
  }
  if (step.strategy === 'constant') {
    if (step.value === undefined) issues.push({ field: 'value', message: 'Give the value to fill with.' });
    else if (family && !constantFits(step.value, family)) {
      issues.push({
        field: 'value',
        message: `${JSON.stringify(step.value)} does not fit "${step.column}" (${column?.type}).`,
      });
    }
  }
  return issues;
}

function constantFits(value: string | number | boolean, family: string): boolean {
  if (family === 'integer') return Number.isInteger(Number(value)) && typeof value !== 'boolean';
  if (family === 'float' || family === 'decimal')
    return typeof value !== 'boolean' && Number.isFinite(Number(value));
  if (family === 'boolean') return typeof value === 'boolean';
  return true;
}

/** The constant or fitted value as the column's Python value (numbers as numbers, text as text). */
function pythonValue(value: string | number | boolean, column: ColumnInfo): string {
  const family = typeFamily(column.type);
  if (family === 'integer' || family === 'float' || family === 'decimal') return py(Number(value));
  if (family === 'boolean') return py(value === true || value === 'true');
  if (family === 'temporal') return `pd.Timestamp(${py(String(value))})`;
  return py(String(value));
}

function orderedFill(step: FillStep, ctx: StepContext, column: ColumnInfo): string {
  const partition = step.group_by?.length ? `PARTITION BY ${step.group_by.map((g) => q(g)).join(', ')} ` : '';
  const order = step.order_by ? `${missingAware(columnOf(ctx.columns, step.order_by))} NULLS LAST, ` : '';
  const window =
    step.strategy === 'ffill'
      ? `last_value(${missingAware(column)} IGNORE NULLS) OVER (${partition}ORDER BY ${order}${ctx.order} ` +
        'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)'
      : `first_value(${missingAware(column)} IGNORE NULLS) OVER (${partition}ORDER BY ${order}${ctx.order} ` +
        'ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)';
  const items = selectReplacing(ctx, new Map([[column.name, window]]));
  return `SELECT ${items} FROM ${ctx.input}`;
}

function fillSql(step: FillStep, ctx: StepContext): string {
  const column = columnOf(ctx.columns, step.column);
  if (step.strategy === 'ffill' || step.strategy === 'bfill') return orderedFill(step, ctx, column);
  let expression: string;
  if (step.strategy === 'mean' || step.strategy === 'median') {
    // A mean or median is fractional in general, so the column becomes DOUBLE (as in pandas).
    const stat = typeof ctx.stats.value === 'number' ? sqlLiteral(ctx.stats.value) : 'NULL';
    expression = `COALESCE(CAST(${missingAware(column)} AS DOUBLE), ${stat})`;
  } else {
    const value = step.strategy === 'constant' ? step.value : ctx.stats.value;
    const literal =
      value === undefined || value === null || Array.isArray(value) ? 'NULL' : sqlLiteral(value);
    expression = `COALESCE(${missingAware(column)}, CAST(${literal} AS ${column.type}))`;
  }
  return `SELECT ${selectReplacing(ctx, new Map([[column.name, expression]]))} FROM ${ctx.input}`;
}

function fillPandas(step: FillStep, ctx: Pick<StepContext, 'columns' | 'stats'>): string[] {
  const column = columnOf(ctx.columns, step.column);
  const target = `df[${py(step.column)}]`;
  if (step.strategy === 'ffill' || step.strategy === 'bfill') {
    const ordered = step.order_by
      ? `df.sort_values(${py(step.order_by)}, kind="stable", na_position="last")`
      : 'df';
    const grouped = step.group_by?.length ? `.groupby(${pyList(step.group_by)}, dropna=False)` : '';
    // The result is aligned back to df by index, so the rows keep their order.
    return [`_o = ${ordered}`, `${target} = _o${grouped}[${py(step.column)}].${step.strategy}()`];
  }
  const value = step.strategy === 'constant' ? step.value : ctx.stats.value;
  const prefix =
    step.strategy === 'mean' || step.strategy === 'median' ? `${target} = ${target}.astype("float64")` : '';
  if (value === undefined || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  const note =
    step.strategy === 'constant'
      ? []
      : [`# the ${step.strategy} of ${py(step.column)}, fitted on the source`];
  return [
    ...(prefix ? [prefix] : []),
    ...note,
    `${target} = ${target}.fillna(${pythonValue(value, column)})`,
  ];
}

async function fitFill(step: FillStep, ctx: StepContext, connection: DuckDBConnection): Promise<StepStats> {
  if (step.strategy !== 'mean' && step.strategy !== 'median' && step.strategy !== 'mode') return {};
  const value = missingAware(columnOf(ctx.columns, step.column));
  const values = `(SELECT ${value} AS v FROM ${ctx.input})`;
  // Mode ties go to the smallest value, as pandas' mode().iloc[0] does.
  const sql =
    step.strategy === 'mode'
      ? `SELECT CAST(v AS VARCHAR) FROM ${values} WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v LIMIT 1`
      : `SELECT CAST(${step.strategy === 'mean' ? 'avg' : 'median'}(v) AS DOUBLE) FROM ${values}`;
  const rows = (await connection.runAndReadAll(sql)).getRows();
  const found = rows[0]?.[0];
  return { value: typeof found === 'number' || typeof found === 'string' ? found : null };
}

export const fillMissing: OpDefinition<'fill_missing'> = {
  op: 'fill_missing',
  label: 'Fill missing values',
  keepsRows: true,
  check: fillIssues,
  fit: fitFill,
  sql: fillSql,
  pandas: fillPandas,
};

export const dropDuplicates: OpDefinition<'drop_duplicates'> = {
  op: 'drop_duplicates',
  label: 'Drop duplicate rows',
  keepsRows: true,
  check: (step, columns) => [
    ...missingColumns(columns, step.columns ?? [], 'columns'),
    ...missingColumns(columns, step.order_by ? [step.order_by] : [], 'order_by'),
  ],
  sql(step, ctx) {
    const keys = (step.columns?.map((name) => columnOf(ctx.columns, name)) ?? ctx.columns).map(missingAware);
    const partition = `PARTITION BY ${keys.join(', ')}`;
    const order = step.order_by ? missingAware(columnOf(ctx.columns, step.order_by)) : undefined;
    const first = order ? `${order} NULLS LAST, ${ctx.order}` : ctx.order;
    const last = `${order ? `${order} DESC NULLS FIRST, ` : ''}${reversedOrder(ctx.order)}`;
    const keep =
      step.keep === 'none'
        ? `count(*) OVER (${partition}) = 1`
        : `row_number() OVER (${partition} ORDER BY ${step.keep === 'first' ? first : last}) = 1`;
    const items = ctx.rowKey + ctx.columns.map((c) => q(c.name)).join(', ');
    return `SELECT ${items} FROM ${ctx.input} QUALIFY ${keep}`;
  },
  pandas(step) {
    const subset = step.columns ? pyList(step.columns) : 'None';
    const keep = step.keep === 'none' ? 'False' : py(step.keep);
    if (!step.order_by || step.keep === 'none')
      return [`df = df.drop_duplicates(subset=${subset}, keep=${keep})`];
    return [
      `_o = df.sort_values(${py(step.order_by)}, kind="stable", na_position="last")`,
      `df = df[~_o.duplicated(subset=${subset}, keep=${keep}).reindex(df.index)]`,
    ];
  },
};

export const missingOps = [dropMissing, fillMissing, dropDuplicates];
