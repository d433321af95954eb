/**
 * Feature operations that compute a new column row by row: arithmetic and ratio between
 * two columns, log, sqrt, power, cyclical (sin and cos of a period) and interaction.
 * Results are DOUBLE in DuckDB and float64 in pandas. Where a result is not a finite real
 * number — division by zero, the log of 0 or less, the root of a negative, (−8)^0.5,
 * 0^−1 — the cell is NULL (NaN in pandas), never an error in the middle of applying a
 * recipe. pandas equivalents: `a / b.where(b != 0)`, `np.log(x.where(x > 0))`,
 * `np.sqrt(x.where(x >= 0))`, `x.pow(e)`, `np.sin(2 * np.pi * x / period)`.
 */
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition, StepIssue } from '../../clean/op-definition';
import { findColumn, missingColumns, py, q, typeFamily } from '../../clean/ops/columns-support';
import { pyFloat, sqlDouble } from '../../clean/ops/stat-support';
import { appendSql, isNumeric, newNamesIssues, numericIssues } from './feature-support';

const asDouble = (column: string): string => `CAST(${q(column)} AS DOUBLE)`;
const pyDouble = (column: string): string => `df[${py(column)}].astype("float64")`;

type Operator = StepOf<'arithmetic'>['operator'];
const SYMBOL: Record<Operator, string> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

function twoColumnIssues(step: { a: string; b: string; name: string }, columns: ColumnInfo[]): StepIssue[] {
  return [
    ...numericIssues(columns, step.a, 'a'),
    ...numericIssues(columns, step.b, 'b'),
    ...newNamesIssues(columns, [step.name]),
  ];
}

function arithmeticSql(operator: Operator, a: string, b: string): string {
  if (operator === 'divide') return `CASE WHEN ${asDouble(b)} <> 0 THEN ${asDouble(a)} / ${asDouble(b)} END`;
  return `${asDouble(a)} ${SYMBOL[operator]} ${asDouble(b)}`;
}

function arithmeticPandas(operator: Operator, a: string, b: string, name: string): string[] {
  const right = operator === 'divide' ? `_b.where(_b != 0)` : '_b';
  return [`_a, _b = ${pyDouble(a)}, ${pyDouble(b)}`, `df[${py(name)}] = _a ${SYMBOL[operator]} ${right}`];
}

export const arithmetic: OpDefinition<'arithmetic'> = {
  op: 'arithmetic',
  label: 'Arithmetic of two columns (÷ 0 gives NULL)',
  keepsRows: true,
  check: twoColumnIssues,
  sql: (step, ctx) =>
    appendSql(ctx, [{ expression: arithmeticSql(step.operator, step.a, step.b), name: step.name }]),
  pandas: (step) => arithmeticPandas(step.operator, step.a, step.b, step.name),
};

export const ratio: OpDefinition<'ratio'> = {
  op: 'ratio',
  label: 'Ratio of two columns (÷ 0 gives NULL)',
  keepsRows: true,
  check: twoColumnIssues,
  sql: (step, ctx) =>
    appendSql(ctx, [{ expression: arithmeticSql('divide', step.a, step.b), name: step.name }]),
  pandas: (step) => arithmeticPandas('divide', step.a, step.b, step.name),
};

const LOG_SQL = { e: 'ln', '2': 'log2', '10': 'log10' } as const;
const LOG_PY = { e: 'np.log', '2': 'np.log2', '10': 'np.log10' } as const;

function oneColumnIssues(step: { column: string; name: string }, columns: ColumnInfo[]): StepIssue[] {
  return [...numericIssues(columns, step.column, 'column'), ...newNamesIssues(columns, [step.name])];
}

export const log: OpDefinition<'log'> = {
  op: 'log',
  label: 'Logarithm (NULL for 0 or less)',
  keepsRows: true,
  check: oneColumnIssues,
  sql(step, ctx) {
    const v = step.plus_one ? `(${asDouble(step.column)} + 1)` : asDouble(step.column);
    return appendSql(ctx, [
      { expression: `CASE WHEN ${v} > 0 THEN ${LOG_SQL[step.base]}(${v}) END`, name: step.name },
    ]);
  },
  pandas(step) {
    const plus = step.plus_one ? ' + 1' : '';
    return [
      `_v = ${pyDouble(step.column)}${plus}`,
      `df[${py(step.name)}] = ${LOG_PY[step.base]}(_v.where(_v > 0))`,
    ];
  },
};

export const sqrt: OpDefinition<'sqrt'> = {
  op: 'sqrt',
  label: 'Square root (NULL for negatives)',
  keepsRows: true,
  check: oneColumnIssues,
  sql(step, ctx) {
    const v = asDouble(step.column);
    return appendSql(ctx, [{ expression: `CASE WHEN ${v} >= 0 THEN sqrt(${v}) END`, name: step.name }]);
  },
  pandas: (step) => [`_v = ${pyDouble(step.column)}`, `df[${py(step.name)}] = np.sqrt(_v.where(_v >= 0))`],
};

export const power: OpDefinition<'power'> = {
  op: 'power',
  label: 'Power (NULL where not a finite real number)',
  keepsRows: true,
  check: oneColumnIssues,
  sql(step, ctx) {
    // DuckDB's pow gives NULL for (−8)^0.5, 0^−1 and overflow; the CASE says so in the SQL.
    const p = `pow(${asDouble(step.column)}, ${sqlDouble(step.exponent)})`;
    return appendSql(ctx, [{ expression: `CASE WHEN isfinite(${p}) THEN ${p} END`, name: step.name }]);
  },
  pandas: (step) => [
    `_p = ${pyDouble(step.column)}.pow(${pyFloat(step.exponent)})`,
    `df[${py(step.name)}] = _p.where(np.isfinite(_p))`,
  ],
};

function cyclicalNames(step: StepOf<'cyclical'>): [string, string] {
  return [`${step.name}_sin`, `${step.name}_cos`];
}

export const cyclical: OpDefinition<'cyclical'> = {
  op: 'cyclical',
  label: 'Cyclical: sin and cos of 2π·x / period',
  keepsRows: true,
  check: (step, columns) => [
    ...numericIssues(columns, step.column, 'column'),
    ...newNamesIssues(columns, cyclicalNames(step)),
  ],
  sql(step, ctx) {
    const angle = `2 * pi() * ${asDouble(step.column)} / ${sqlDouble(step.period)}`;
    const [sin, cos] = cyclicalNames(step);
    return appendSql(ctx, [
      { expression: `sin(${angle})`, name: sin },
      { expression: `cos(${angle})`, name: cos },
    ]);
  },
  pandas(step) {
    const [sin, cos] = cyclicalNames(step);
    return [
      `_angle = 2 * np.pi * ${pyDouble(step.column)} / ${pyFloat(step.period)}`,
      `df[${py(sin)}] = np.sin(_angle)`,
      `df[${py(cos)}] = np.cos(_angle)`,
    ];
  },
};

/** Columns an interaction can cross as categories: text and whole numbers. */
function crossable(column: ColumnInfo | undefined): boolean {
  const family = column ? typeFamily(column.type) : undefined;
  return family === 'text' || family === 'integer';
}

function interactionIssues(step: StepOf<'interaction'>, columns: ColumnInfo[]): StepIssue[] {
  const issues = [...missingColumns(columns, [step.a], 'a'), ...missingColumns(columns, [step.b], 'b')];
  const [a, b] = [findColumn(columns, step.a), findColumn(columns, step.b)];
  if (issues.length === 0 && !(isNumeric(a) && isNumeric(b)) && !(crossable(a) && crossable(b))) {
    issues.push({
      field: 'b',
      message: `"${step.a}" (${a?.type}) and "${step.b}" (${b?.type}) cannot interact: use two numbers (multiplied) or two text or whole-number columns (crossed); cast one first.`,
    });
  }
  return [...issues, ...newNamesIssues(columns, [step.name])];
}

const bothNumeric = (step: StepOf<'interaction'>, columns: ColumnInfo[]): boolean =>
  isNumeric(findColumn(columns, step.a)) && isNumeric(findColumn(columns, step.b));

export const interaction: OpDefinition<'interaction'> = {
  op: 'interaction',
  label: 'Interaction: a × b, or the pair "a|b" as a category',
  keepsRows: true,
  check: interactionIssues,
  sql(step, ctx) {
    const expression = bothNumeric(step, ctx.columns)
      ? `${asDouble(step.a)} * ${asDouble(step.b)}`
      : `CAST(${q(step.a)} AS VARCHAR) || '|' || CAST(${q(step.b)} AS VARCHAR)`;
    return appendSql(ctx, [{ expression, name: step.name }]);
  },
  pandas(step, ctx) {
    if (bothNumeric(step, ctx.columns))
      return [`df[${py(step.name)}] = ${pyDouble(step.a)} * ${pyDouble(step.b)}`];
    // Whole numbers read as text without a ".0", as DuckDB writes them; a missing side gives None.
    const text = (c: string) =>
      typeFamily(findColumn(ctx.columns, c)?.type ?? '') === 'integer'
        ? `df[${py(c)}].astype("Int64").astype("string")`
        : `df[${py(c)}].astype("string")`;
    return [
      `_pair = ${text(step.a)} + "|" + ${text(step.b)}`,
      `df[${py(step.name)}] = _pair.astype(object).where(_pair.notna(), None)`,
    ];
  },
};

export const mathOps = [arithmetic, ratio, log, sqrt, power, cyclical, interaction];
