/**
 * Ordered feature operations: lag, diff, rolling and expanding. Each is one window
 * function over the rows of the same entity (`by`) in time order (`order_by`, else the
 * recipe's current row order), so no value ever comes from a row after the current one
 * (docs/architecture.md, "Inside the clean capability").
 *
 * - Ties in `order_by` are broken by the recipe's row order (`ctx.order`), as pandas'
 *   stable sort does; a row whose `order_by` is missing gets NULL (it has no place in time).
 * - rolling over N rows and expanding include the current row — its own value is its
 *   feature, not a leak — like pandas' `rolling(N, min_periods=1)` and
 *   `expanding(min_periods=1)`: `ROWS BETWEEN N - 1 PRECEDING AND CURRENT ROW`.
 * - rolling over a time ("7 days") is pandas' `rolling("7D", on=…)`: rows in (t − 7 days, t].
 *   In SQL that is a RANGE frame, whose CURRENT ROW takes every row at the same instant
 *   t; rows at one instant are one moment and share one value (pandas: the last of them).
 * - Values are read as DOUBLE with NaN as missing; aggregates skip missing values, count
 *   counts the present ones, std is the sample deviation (n − 1), NULL for one value.
 */
import type { StepOf } from '../../../../shared/clean/recipe';
import { INTERVAL_PATTERN } from '../../../../shared/features/feature-steps';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition, StepContext, StepIssue } from '../../clean/op-definition';
import { findColumn, missingAware, missingColumns, py, q } from '../../clean/ops/columns-support';
import { columnOfType } from '../../clean/ops/stat-support';
import { appendSql, doubleValue, newNamesIssues, numericIssues } from './feature-support';

type Ordered = StepOf<'lag' | 'diff' | 'rolling' | 'expanding'>;
type Fn = StepOf<'rolling'>['fn'];

const SQL_FN: Record<Fn, string> = {
  mean: 'avg',
  sum: 'sum',
  min: 'min',
  max: 'max',
  count: 'count',
  std: 'stddev_samp',
};

function columnOf(columns: ColumnInfo[], name: string): ColumnInfo {
  return findColumn(columns, name) ?? { name, type: 'VARCHAR' };
}

function orderedIssues(step: Ordered, columns: ColumnInfo[], numeric: boolean): StepIssue[] {
  return [
    ...(numeric
      ? numericIssues(columns, step.column, 'column')
      : missingColumns(columns, [step.column], 'column')),
    ...missingColumns(columns, step.by ?? [], 'by'),
    ...missingColumns(columns, step.order_by ? [step.order_by] : [], 'order_by'),
    ...newNamesIssues(columns, [step.name]),
  ];
}

/** `PARTITION BY …` for the entities (NaN read as missing, as pandas groups it), or nothing. */
function partitionOf(step: Ordered, ctx: StepContext): string {
  if (!step.by?.length) return '';
  return `PARTITION BY ${step.by.map((b) => missingAware(columnOf(ctx.columns, b))).join(', ')} `;
}

/** `PARTITION BY … ORDER BY …` for the step, the recipe's row order breaking ties. */
function windowOrder(step: Ordered, ctx: StepContext): string {
  const time = step.order_by ? `${missingAware(columnOf(ctx.columns, step.order_by))} NULLS LAST, ` : '';
  return `${partitionOf(step, ctx)}ORDER BY ${time}${ctx.order}`;
}

/** NULL for rows without a time, when there is an order_by. */
function timed(step: Ordered, ctx: StepContext, expression: string): string {
  if (!step.order_by) return expression;
  return `CASE WHEN ${missingAware(columnOf(ctx.columns, step.order_by))} IS NOT NULL THEN ${expression} END`;
}

/** pandas: `_o` the rows in window order, `_v` the values, `_g` grouped by entity. */
function pandasOrder(step: Ordered, value: string): string[] {
  const ordered = step.order_by
    ? `df.sort_values(${py(step.order_by)}, kind="stable", na_position="last")`
    : 'df';
  const keys = step.by?.length ? `[${step.by.map((b) => `_o[${py(b)}]`).join(', ')}]` : null;
  return [
    `_o = ${ordered}`,
    `_v = _o[${py(step.column)}]${value}`,
    keys ? `_g = _v.groupby(${keys}, dropna=False)` : '_g = _v',
  ];
}

/** pandas: the result `_r` (aligned by index) as the new column, missing where time is. */
function pandasAssign(step: Ordered): string {
  const where = step.order_by ? `.where(_o[${py(step.order_by)}].notna())` : '';
  return `df[${py(step.name)}] = _r${where}`;
}

const lagN = (step: StepOf<'lag' | 'diff'>): number => step.n ?? 1;

export const lag: OpDefinition<'lag'> = {
  op: 'lag',
  label: 'Lag: the value n rows earlier',
  keepsRows: true,
  check: (step, columns) => orderedIssues(step, columns, false),
  sql(step, ctx) {
    const value = missingAware(columnOf(ctx.columns, step.column));
    const expression = `lag(${value}, ${lagN(step)}) OVER (${windowOrder(step, ctx)})`;
    return appendSql(ctx, [{ expression: timed(step, ctx, expression), name: step.name }]);
  },
  pandas: (step) => [...pandasOrder(step, ''), `_r = _g.shift(${lagN(step)})`, pandasAssign(step)],
};

export const diff: OpDefinition<'diff'> = {
  op: 'diff',
  label: 'Difference from the value n rows earlier',
  keepsRows: true,
  check: (step, columns) => orderedIssues(step, columns, true),
  sql(step, ctx) {
    const v = doubleValue(step.column);
    const expression = `${v} - lag(${v}, ${lagN(step)}) OVER (${windowOrder(step, ctx)})`;
    return appendSql(ctx, [{ expression: timed(step, ctx, expression), name: step.name }]);
  },
  pandas: (step) => [
    ...pandasOrder(step, '.astype("float64")'),
    `_r = _v - _g.shift(${lagN(step)})`,
    pandasAssign(step),
  ],
};

/** The interval's number and unit ("7 days" → [7, "day"]), or null for a row count. */
function intervalOf(window: number | string): [number, string] | null {
  if (typeof window === 'number') return null;
  const match = INTERVAL_PATTERN.exec(window.trim());
  return match ? [Number(match[1]), match[2]!] : null;
}

function rollingIssues(step: StepOf<'rolling'>, columns: ColumnInfo[]): StepIssue[] {
  const issues = orderedIssues(step, columns, true);
  if (intervalOf(step.window) === null) return issues;
  if (!step.order_by) {
    issues.push({
      field: 'order_by',
      message: `A window of "${step.window}" needs order_by, a date or time column.`,
    });
  } else if (findColumn(columns, step.order_by)) {
    issues.push(...columnOfType(columns, step.order_by, 'order_by', 'temporal'));
  }
  return issues;
}

function rollingFrame(step: StepOf<'rolling'>): string {
  const interval = intervalOf(step.window);
  if (interval === null) {
    const back = (step.window as number) - 1;
    return `ROWS BETWEEN ${back} PRECEDING AND CURRENT ROW`;
  }
  const [n, unit] = interval;
  // (t − n unit, t]: pandas' offset window is open on the left.
  return `RANGE BETWEEN INTERVAL '${n} ${unit}' - INTERVAL '1 microsecond' PRECEDING AND CURRENT ROW`;
}

/** A RANGE frame is ordered by the time alone (DuckDB allows one key); ties are peers. */
function rangeOrder(step: StepOf<'rolling'>, ctx: StepContext): string {
  return `${partitionOf(step, ctx)}ORDER BY ${q(step.order_by ?? '')}`;
}

function rollingPandas(step: StepOf<'rolling'>): string[] {
  const interval = intervalOf(step.window);
  if (interval === null) {
    const call = `rolling(${step.window as number}, min_periods=1).${step.fn}()`;
    const r = step.by?.length ? `_g.transform(lambda s: s.${call})` : `_v.${call}`;
    return [...pandasOrder(step, '.astype("float64")'), `_r = ${r}`, pandasAssign(step)];
  }
  const [n, unit] = interval;
  const t = py(step.order_by ?? '');
  const keys = (step.by ?? []).map((b) => `_o[${py(b)}].to_numpy()`);
  const call = `rolling(pd.Timedelta(${unit}s=${n}), min_periods=1).${step.fn}()`;
  return [
    `_o = df[df[${t}].notna()].sort_values(${t}, kind="stable")`,
    `_t = pd.to_datetime(_o[${t}])`,
    `_v = pd.Series(_o[${py(step.column)}].astype("float64").to_numpy(), index=pd.DatetimeIndex(_t))`,
    keys.length
      ? `_r = _v.groupby([${keys.join(', ')}], dropna=False).transform(lambda s: s.${call})`
      : `_r = _v.${call}`,
    '# rows at one instant share the value of the last of them (a RANGE frame in SQL)',
    `_r = _r.groupby([${[...keys, '_t.to_numpy()'].join(', ')}], dropna=False).transform("last")`,
    '_r.index = _o.index',
    `df[${py(step.name)}] = _r`,
  ];
}

export const rolling: OpDefinition<'rolling'> = {
  op: 'rolling',
  label: 'Rolling window (the current row and earlier ones)',
  keepsRows: true,
  check: rollingIssues,
  sql(step, ctx) {
    const fn = `${SQL_FN[step.fn]}(${doubleValue(step.column)})`;
    const order = intervalOf(step.window) === null ? windowOrder(step, ctx) : rangeOrder(step, ctx);
    const expression = `${fn} OVER (${order} ${rollingFrame(step)})`;
    return appendSql(ctx, [{ expression: timed(step, ctx, expression), name: step.name }]);
  },
  pandas: rollingPandas,
};

export const expanding: OpDefinition<'expanding'> = {
  op: 'expanding',
  label: 'Expanding window (every row so far)',
  keepsRows: true,
  check: (step, columns) => orderedIssues(step, columns, true),
  sql(step, ctx) {
    const fn = `${SQL_FN[step.fn]}(${doubleValue(step.column)})`;
    const expression = `${fn} OVER (${windowOrder(step, ctx)} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
    return appendSql(ctx, [{ expression: timed(step, ctx, expression), name: step.name }]);
  },
  pandas(step) {
    const call = `expanding(min_periods=1).${step.fn}()`;
    const r = step.by?.length ? `_g.transform(lambda s: s.${call})` : `_v.${call}`;
    return [...pandasOrder(step, '.astype("float64")'), `_r = ${r}`, pandasAssign(step)];
  },
};

export const windowOps = [lag, diff, rolling, expanding];
