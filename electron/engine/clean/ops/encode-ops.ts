/**
 * Encoding operations: bin (a number into the index of its bin) and one_hot (a category
 * into 0/1 columns).
 *
 * bin follows pd.cut(x, edges, labels=False, include_lowest=True): bins are closed on the
 * right, (e0, e1], (e1, e2], …, the first also holds e0; the result is the bin's index from
 * 0, and values outside [e0, eN], NULL and NaN give NULL. Repeated edges are allowed (a
 * constant column, or tied quantiles): a value falls into the first bin that holds it.
 * Fitted statistic `edges`: for width, N + 1 evenly spaced edges from the fitted minimum to
 * maximum; for quantile, the quantiles 0, 1/N, …, 1 (linear interpolation, as pd.qcut).
 *
 * one_hot replaces the column by one INTEGER column per category, named prefix_value
 * (prefix defaults to the column's name; an empty prefix gives the value alone), 1 where
 * the row holds that category and 0 elsewhere, NULL included. Fitted statistic
 * `categories`: the distinct non-NULL values, sorted.
 */
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { ApiError } from '../../../../shared/errors';
import { sqlLiteral } from '../../db/sql-text';
import type { OpDefinition, StepIssue, StepStats } from '../op-definition';
import { findColumn, nameClash, pandasAdding, py, q, selectAdding, typeFamily } from './columns-support';
import { columnOfType, fitRow, fitValue, pyFloat, sqlDouble, statNumber, statNumbers } from './stat-support';

/** More categories than this is a mistake (an ID column), not a useful encoding. */
export const MAX_CATEGORIES = 1000;

function binIssues(step: StepOf<'bin'>, columns: ColumnInfo[]): StepIssue[] {
  const issues = columnOfType(columns, step.column, 'column', 'numeric');
  if (step.method === 'edges') {
    if (!step.edges) issues.push({ field: 'edges', message: 'Give the bin edges, at least two numbers.' });
    else if (step.edges.some((e, i) => i > 0 && e <= (step.edges as number[])[i - 1])) {
      issues.push({ field: 'edges', message: 'The bin edges must increase from left to right.' });
    }
  } else if (step.bins === undefined) {
    issues.push({ field: 'bins', message: 'Give the number of bins.' });
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

function binEdges(step: StepOf<'bin'>, stats: StepStats): number[] | null {
  return step.method === 'edges' ? (step.edges ?? null) : statNumbers(stats.edges);
}

export const bin: OpDefinition<'bin'> = {
  op: 'bin',
  label: 'Bin numbers',
  keepsRows: true,
  check: binIssues,
  async fit(step, ctx, connection): Promise<StepStats> {
    if (step.method === 'edges') return {};
    const v = fitValue(findColumn(ctx.columns, step.column) as ColumnInfo);
    const n = step.bins ?? 1;
    if (step.method === 'width') {
      const row = await fitRow(connection, `min(${v}) AS lo, max(${v}) AS hi`, ctx.input);
      const [lo, hi] = [statNumber(row.lo), statNumber(row.hi)];
      if (lo === null || hi === null) return { edges: null };
      // The last edge is the maximum itself, so rounding never leaves it outside.
      return { edges: Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + (i * (hi - lo)) / n)) };
    }
    const fractions = Array.from({ length: n + 1 }, (_, i) => sqlDouble(i / n));
    const row = await fitRow(
      connection,
      `quantile_cont(${v}, [${fractions.join(', ')}]) AS edges`,
      ctx.input,
    );
    return { edges: statNumbers(row.edges) };
  },
  sql(step, ctx) {
    const edges = binEdges(step, ctx.stats);
    const v = `CAST(${q(step.column)} AS DOUBLE)`;
    let expression = 'CAST(NULL AS INTEGER)';
    if (edges !== null) {
      const whens = edges.slice(1).map((e, i) => `WHEN ${v} <= ${sqlDouble(e)} THEN ${i}`);
      expression = `CASE WHEN isnan(${v}) OR ${v} < ${sqlDouble(edges[0])} THEN NULL ${whens.join(' ')} END`;
    }
    return `SELECT ${selectAdding(ctx, step.column, [{ expression, name: step.name }])} FROM ${ctx.input}`;
  },
  pandas(step, ctx) {
    const edges = binEdges(step, ctx.stats);
    if (edges === null) {
      return pandasAdding(step.column, [
        { values: 'pd.Series(pd.NA, index=df.index, dtype="Int64")', name: step.name },
      ]);
    }
    // searchsorted(side="left") finds the first edge ≥ x, the same bin as the CASE above.
    return [
      `_v = df[${py(step.column)}].astype("float64")`,
      `_edges = np.array([${edges.map((e) => pyFloat(e)).join(', ')}])`,
      `_bin = np.maximum(np.searchsorted(_edges, _v.to_numpy(), side="left") - 1, 0)`,
      `_bin = pd.Series(np.where((_v >= _edges[0]) & (_v <= _edges[-1]), _bin, np.nan), index=df.index)`,
      ...pandasAdding(step.column, [{ values: '_bin.astype("Int64")', name: step.name }]),
    ];
  },
};

function oneHotIssues(step: StepOf<'one_hot'>, columns: ColumnInfo[]): StepIssue[] {
  const missing = columnOfType(columns, step.column, 'column', 'text');
  const column = findColumn(columns, step.column);
  // Text and whole numbers only: other types print differently in DuckDB and Python.
  return column && typeFamily(column.type) === 'integer' ? [] : missing;
}

function categoriesOf(stats: StepStats): Array<string | number> {
  const categories = stats.categories;
  return Array.isArray(categories) ? categories.filter((c): c is string | number => c !== null) : [];
}

function dummyName(step: StepOf<'one_hot'>, category: string | number): string {
  const prefix = step.prefix ?? step.column;
  return prefix === '' ? String(category) : `${prefix}_${String(category)}`;
}

/** The new columns' names, refused with a sentence when one is taken or repeated. */
function dummyNames(step: StepOf<'one_hot'>, columns: ColumnInfo[], stats: StepStats): string[] {
  const taken = columns.filter((c) => c.name !== step.column).map((c) => c.name);
  const names = categoriesOf(stats).map((c) => dummyName(step, c));
  for (const name of names) {
    const clash = nameClash(taken, name, 'prefix')[0];
    if (clash) throw new ApiError('INVALID_INPUT', `One-hot column "${name}": ${clash.message}`);
    taken.push(name);
  }
  return names;
}

export const oneHot: OpDefinition<'one_hot'> = {
  op: 'one_hot',
  label: 'One-hot encode',
  keepsRows: true,
  check: oneHotIssues,
  async fit(step, ctx, connection) {
    const c = q(step.column);
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT ${c} AS v FROM ${ctx.input} WHERE ${c} IS NOT NULL ORDER BY v LIMIT ${MAX_CATEGORIES + 1}`,
    );
    const values = reader
      .getRowsJS()
      .map((r) => (typeof r[0] === 'bigint' ? Number(r[0]) : (r[0] as string | number)));
    if (values.length > MAX_CATEGORIES) {
      throw new ApiError(
        'INVALID_INPUT',
        `"${step.column}" has more than ${MAX_CATEGORIES} distinct values; one-hot encoding suits a few categories.`,
      );
    }
    const stats = { categories: values };
    dummyNames(step, ctx.columns, stats);
    return stats;
  },
  sql(step, ctx) {
    const names = dummyNames(step, ctx.columns, ctx.stats);
    const dummies = categoriesOf(ctx.stats).map((category, i) => {
      const value = typeof category === 'number' ? sqlLiteral(category) : sqlLiteral(category);
      return `CASE WHEN ${q(step.column)} = ${value} THEN 1 ELSE 0 END AS ${q(names[i])}`;
    });
    const items = ctx.columns.flatMap((c) => (c.name === step.column ? dummies : [q(c.name)]));
    return `SELECT ${ctx.rowKey}${items.join(', ')} FROM ${ctx.input}`;
  },
  pandas(step, ctx) {
    const names = dummyNames(step, ctx.columns, ctx.stats);
    const c = py(step.column);
    const dummies = categoriesOf(ctx.stats).map(
      (category, i) => `${py(names[i])}: (df[${c}] == ${py(category)}).astype("int32")`,
    );
    return [
      `_at = df.columns.get_loc(${c})`,
      `_dummies = pd.DataFrame({${dummies.join(', ')}}, index=df.index)`,
      `df = pd.concat([df.iloc[:, :_at], _dummies, df.iloc[:, _at + 1:]], axis=1)`,
    ];
  },
};
