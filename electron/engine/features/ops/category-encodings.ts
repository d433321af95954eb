/**
 * Category encodings as features: target_encode and frequency_encode. Both read a text or
 * whole-number column as categories (compared as text, so whole numbers read "1", never
 * "1.0"), and both fit their table of categories, recorded in lineage so applying the
 * recipe to new data (fit "reuse") encodes it with the fitted numbers; a category the fit
 * never saw gets the prior (target) or 0 (frequency). See docs/architecture.md, "Inside
 * the clean capability".
 *
 * target_encode is out of fold on the rows it was fitted on: row i is in fold i mod
 * `folds` (its position in the recipe's order), and its value is the m-estimate
 * (sum + m·prior) / (n + m) over the rows of its category in the other folds, the prior
 * being the mean target of the other folds — so a row's own target never reaches its
 * value. On other rows (fit "reuse") it is the same estimate over all fitted rows. A
 * missing category gets the prior; rows without a target count for nobody.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { sqlLiteral } from '../../db/sql-text';
import type { OpDefinition, StepContext, StepIssue, StepStats } from '../../clean/op-definition';
import { findColumn, missingColumns, py, q, typeFamily } from '../../clean/ops/columns-support';
import { pyFloat, sqlDouble, statNumber } from '../../clean/ops/stat-support';
import { appendSql, doubleValue, newNamesIssues } from './feature-support';

const DEFAULT_FOLDS = 5;
const DEFAULT_SMOOTHING = 10;

function categoryIssues(columns: ColumnInfo[], name: string): StepIssue[] {
  const missing = missingColumns(columns, [name], 'column');
  if (missing.length > 0) return missing;
  const column = findColumn(columns, name) as ColumnInfo;
  const family = typeFamily(column.type);
  if (family === 'text' || family === 'integer') return [];
  return [
    {
      field: 'column',
      message: `"${name}" is ${column.type}; encode a text or whole-number column (bin or cast it first).`,
    },
  ];
}

/** The category as text in SQL. */
const sqlKey = (column: string): string => `CAST(${q(column)} AS VARCHAR)`;

/** The category as pandas text (missing stays missing), as DuckDB casts it. */
function pyKey(columns: ColumnInfo[], column: string): string {
  const integer = typeFamily(findColumn(columns, column)?.type ?? '') === 'integer';
  return `df[${py(column)}]${integer ? '.astype("Int64")' : ''}.astype("string")`;
}

/** A fitted table of categories as a SQL LEFT JOIN over `input`, or null when empty. */
function lookupJoin(input: string, column: string, categories: string[], values: number[]): string | null {
  if (categories.length === 0) return null;
  const rows = categories.map((c, i) => `(${sqlLiteral(c)}, ${sqlDouble(values[i] ?? 0)})`).join(', ');
  return `${input} LEFT JOIN (VALUES ${rows}) AS "__assay_fitted"("__assay_category", "__assay_value") ON ${sqlKey(column)} = "__assay_category"`;
}

function fittedTable(stats: StepStats): { categories: string[]; values: number[] } {
  const categories = Array.isArray(stats.categories) ? stats.categories.map(String) : [];
  const values = Array.isArray(stats.values) ? stats.values.map((v) => statNumber(v) ?? 0) : [];
  return { categories, values };
}

/** The fitted table for pandas: a Series from category to value. */
function pyTable(stats: StepStats): string {
  const { categories, values } = fittedTable(stats);
  const index = categories.map((c) => py(c)).join(', ');
  return `pd.Series([${values.map(pyFloat).join(', ')}], index=pd.Index([${index}], dtype="string"), dtype="float64")`;
}

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

type TargetStep = StepOf<'target_encode'>;

function targetIssues(step: TargetStep, columns: ColumnInfo[]): StepIssue[] {
  const issues = [
    ...categoryIssues(columns, step.column),
    ...missingColumns(columns, [step.target], 'target'),
  ];
  const target = findColumn(columns, step.target);
  const family = target ? typeFamily(target.type) : undefined;
  if (target && family !== 'integer' && family !== 'float' && family !== 'decimal' && family !== 'boolean') {
    issues.push({
      field: 'target',
      message: `"${step.target}" is ${target.type}; the target must be a number or a 0/1 column (cast it first).`,
    });
  }
  if (step.target === step.column) {
    issues.push({ field: 'target', message: 'The target cannot be the column it encodes.' });
  }
  return [...issues, ...newNamesIssues(columns, [step.name])];
}

const smoothingOf = (step: TargetStep): number => step.smoothing ?? DEFAULT_SMOOTHING;
const foldsOf = (step: TargetStep): number => step.folds ?? DEFAULT_FOLDS;

/** Full-data statistics: the prior and each category's smoothed mean, for reuse. */
async function fitTarget(
  step: TargetStep,
  ctx: StepContext,
  connection: DuckDBConnection,
): Promise<StepStats> {
  const y = doubleValue(step.target);
  const m = sqlDouble(smoothingOf(step));
  const [overall] = await rowsOf(connection, `SELECT avg(${y}) AS prior FROM ${ctx.input}`);
  const prior = statNumber(overall?.prior);
  if (prior === null) return { prior: null, categories: [], values: [] };
  const rows = await rowsOf(
    connection,
    `SELECT ${sqlKey(step.column)} AS c, (coalesce(sum(${y}), 0) + ${m} * ${sqlDouble(prior)}) / nullif(count(${y}) + ${m}, 0) AS v
     FROM ${ctx.input} WHERE ${q(step.column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return {
    prior,
    categories: rows.map((r) => String(r.c)),
    values: rows.map((r) => statNumber(r.v) ?? prior),
  };
}

/** Out of fold, from the rows themselves: window sums over the category minus its fold. */
function outOfFoldSql(step: TargetStep, ctx: StepContext): string {
  const y = doubleValue(step.target);
  const c = q(step.column);
  const m = sqlDouble(smoothingOf(step));
  const fold = `(row_number() OVER (ORDER BY ${ctx.order}) - 1) % ${foldsOf(step)}`;
  const sum = (over: string) => `coalesce(sum(${y}) OVER (${over}), 0)`;
  const count = (over: string) => `count(${y}) OVER (${over})`;
  const folded = `SELECT *, ${fold} AS "__assay_fold" FROM ${ctx.input}`;
  const sums = [
    `${sum(`PARTITION BY ${c}`)} - ${sum(`PARTITION BY ${c}, "__assay_fold"`)} AS "__assay_sum"`,
    `${count(`PARTITION BY ${c}`)} - ${count(`PARTITION BY ${c}, "__assay_fold"`)} AS "__assay_n"`,
    `(${sum('')} - ${sum('PARTITION BY "__assay_fold"')}) / nullif(${count('')} - ${count('PARTITION BY "__assay_fold"')}, 0) AS "__assay_prior"`,
  ];
  const encoded =
    `CASE WHEN ${c} IS NULL THEN "__assay_prior" ` +
    `ELSE coalesce(("__assay_sum" + ${m} * "__assay_prior") / nullif("__assay_n" + ${m}, 0), "__assay_prior") END`;
  return appendSql({ ...ctx, input: `(SELECT *, ${sums.join(', ')} FROM (${folded}))` }, [
    { expression: encoded, name: step.name },
  ]);
}

function outOfFoldPandas(step: TargetStep, ctx: Pick<StepContext, 'columns'>): string[] {
  const m = pyFloat(smoothingOf(step));
  return [
    `_c = ${pyKey(ctx.columns, step.column)}`,
    `_y = df[${py(step.target)}].astype("float64")`,
    `_fold = pd.Series(np.arange(len(df)) % ${foldsOf(step)}, index=df.index)`,
    '_s, _n = _y.fillna(0), _y.notna().astype("float64")',
    '_sum = _s.groupby(_c, dropna=False).transform("sum") - _s.groupby([_c, _fold], dropna=False).transform("sum")',
    '_cnt = _n.groupby(_c, dropna=False).transform("sum") - _n.groupby([_c, _fold], dropna=False).transform("sum")',
    '_prior = (_s.sum() - _s.groupby(_fold).transform("sum")) / (_n.sum() - _n.groupby(_fold).transform("sum")).replace(0, np.nan)',
    `_enc = ((_sum + ${m} * _prior) / (_cnt + ${m}).replace(0, np.nan)).fillna(_prior)`,
    `df[${py(step.name)}] = _enc.where(_c.notna(), _prior)`,
  ];
}

export const targetEncode: OpDefinition<'target_encode'> = {
  op: 'target_encode',
  label: 'Target encode (out of fold: a row never sees its own target)',
  keepsRows: true,
  check: targetIssues,
  fit: fitTarget,
  sql(step, ctx) {
    if (!ctx.reused) return outOfFoldSql(step, ctx);
    const { categories, values } = fittedTable(ctx.stats);
    const prior = statNumber(ctx.stats.prior);
    const fallback = prior === null ? 'CAST(NULL AS DOUBLE)' : sqlDouble(prior);
    const join = lookupJoin(ctx.input, step.column, categories, values);
    const expression = join ? `coalesce("__assay_value", ${fallback})` : fallback;
    return appendSql({ ...ctx, input: join ?? ctx.input }, [{ expression, name: step.name }]);
  },
  pandas(step, ctx) {
    if (!ctx.reused) return outOfFoldPandas(step, ctx);
    const prior = statNumber(ctx.stats.prior);
    return [
      '# the encodings fitted on the earlier application, by category',
      `_table = ${pyTable(ctx.stats)}`,
      `df[${py(step.name)}] = ${pyKey(ctx.columns, step.column)}.map(_table).astype("float64").fillna(${prior === null ? 'np.nan' : pyFloat(prior)})`,
    ];
  },
};

type FrequencyStep = StepOf<'frequency_encode'>;

export const frequencyEncode: OpDefinition<'frequency_encode'> = {
  op: 'frequency_encode',
  label: 'Frequency encode (rows per category, or their share)',
  keepsRows: true,
  check: (step, columns) => [
    ...categoryIssues(columns, step.column),
    ...newNamesIssues(columns, [step.name]),
  ],
  async fit(step: FrequencyStep, ctx, connection) {
    const rows = await rowsOf(
      connection,
      `SELECT ${sqlKey(step.column)} AS c, count(*) AS n, sum(count(*)) OVER () AS total
       FROM ${ctx.input} WHERE ${q(step.column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const total = statNumber(rows[0]?.total) ?? 0;
    const values = rows.map((r) => (statNumber(r.n) ?? 0) / (step.normalize ? total : 1));
    return { categories: rows.map((r) => String(r.c)), values };
  },
  sql(step, ctx) {
    const { categories, values } = fittedTable(ctx.stats);
    const join = lookupJoin(ctx.input, step.column, categories, values);
    // A category the fit never saw occurs 0 times; a missing one has no frequency.
    const zero = `CASE WHEN ${q(step.column)} IS NULL THEN NULL ELSE 0 END`;
    const expression = join ? `coalesce("__assay_value", ${zero})` : `CAST(${zero} AS DOUBLE)`;
    return appendSql({ ...ctx, input: join ?? ctx.input }, [{ expression, name: step.name }]);
  },
  pandas(step, ctx) {
    return [
      '# rows per category (or their share), fitted on the source',
      `_table = ${pyTable(ctx.stats)}`,
      `_c = ${pyKey(ctx.columns, step.column)}`,
      `df[${py(step.name)}] = _c.map(_table).astype("float64").fillna(0).where(_c.notna())`,
    ];
  },
};

export const categoryEncodings = [targetEncode, frequencyEncode];
