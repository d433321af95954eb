/**
 * Numeric operations that rewrite a column in place: round, clip and scale. Results are
 * DOUBLE in DuckDB and float64 in pandas (except rounding whole numbers to digits ≥ 0,
 * which changes nothing).
 *
 * Fitted statistics (recorded in lineage): clip by quantile or IQR fits `lower` and
 * `upper`, the bounds themselves; scale fits `min` and `max` (minmax) or `mean` and `std`
 * (zscore, the sample standard deviation, n − 1, as pandas' default ddof=1). Fits skip
 * NULL and NaN alike, as pandas does. The pandas code reuses the fitted numbers, so both
 * languages compute with the same constants.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition, StepContext, StepIssue, StepStats } from '../op-definition';
import { findColumn, py, q, selectReplacing, typeFamily } from './columns-support';
import { columnOfType, fitRow, fitValue, pyFloat, sqlDouble, statNumber } from './stat-support';

const asDouble = (column: string): string => `CAST(${q(column)} AS DOUBLE)`;
const pyDouble = (column: string): string => `df[${py(column)}].astype("float64")`;

function replaceSql(ctx: StepContext, column: string, expression: string): string {
  return `SELECT ${selectReplacing(ctx, new Map([[column, expression]]))} FROM ${ctx.input}`;
}

/**
 * Rounding as DuckDB's round (half away from zero), written out the same way in both
 * languages: numpy's round is half to even, and one shared formula also keeps the last
 * bit equal. Negative digits round to tens, hundreds, … by dividing by an exact power.
 */
function roundFormula(
  step: StepOf<'round'>,
  v: string,
  fn: { floor: string; abs: string; sign: string },
): string {
  const k = step.digits >= 0 ? pyFloat(10 ** step.digits) : pyFloat(10 ** -step.digits);
  const [scaleUp, scaleDown] = step.digits >= 0 ? ['*', '/'] : ['/', '*'];
  if (step.mode === 'round')
    return `${fn.sign}(${v}) * ${fn.floor}(${fn.abs}(${v}) ${scaleUp} ${k} + 0.5) ${scaleDown} ${k}`;
  const f = step.mode === 'floor' ? fn.floor : fn.floor.replace('floor', 'ceil');
  return `${f}(${v} ${scaleUp} ${k}) ${scaleDown} ${k}`;
}

function keepsWholeNumbers(step: StepOf<'round'>, columns: ColumnInfo[]): boolean {
  const column = findColumn(columns, step.column);
  return step.digits >= 0 && column !== undefined && typeFamily(column.type) === 'integer';
}

export const round: OpDefinition<'round'> = {
  op: 'round',
  label: 'Round numbers',
  keepsRows: true,
  check: (step, columns) => columnOfType(columns, step.column, 'column', 'numeric'),
  sql(step, ctx) {
    if (keepsWholeNumbers(step, ctx.columns)) return replaceSql(ctx, step.column, q(step.column));
    const formula = roundFormula(step, asDouble(step.column), { floor: 'floor', abs: 'abs', sign: 'sign' });
    return replaceSql(ctx, step.column, formula);
  },
  pandas(step, ctx) {
    if (keepsWholeNumbers(step, ctx.columns)) return [];
    const formula = roundFormula(step, '_v', { floor: 'np.floor', abs: 'np.abs', sign: 'np.sign' });
    return [`_v = ${pyDouble(step.column)}`, `df[${py(step.column)}] = ${formula}`];
  },
};

function clipIssues(step: StepOf<'clip'>, columns: ColumnInfo[]): StepIssue[] {
  const issues = columnOfType(columns, step.column, 'column', 'numeric');
  const { lower, upper, method } = step;
  if (method !== 'iqr' && lower === undefined && upper === undefined) {
    issues.push({ field: 'lower', message: 'Give a lower bound, an upper bound or both.' });
  }
  if (method === 'values' && lower !== undefined && upper !== undefined && lower > upper) {
    issues.push({ field: 'upper', message: `The upper bound ${upper} is below the lower bound ${lower}.` });
  }
  for (const [field, value] of [
    ['lower', lower],
    ['upper', upper],
  ] as const) {
    if (value === undefined) continue;
    if (method === 'quantile' && (value < 0 || value > 1)) {
      issues.push({ field, message: `The ${field} quantile must be between 0 and 1, not ${value}.` });
    }
    if (method === 'iqr' && value < 0) {
      issues.push({ field, message: `The ${field} IQR multiplier must be 0 or more, not ${value}.` });
    }
  }
  return issues;
}

/** The clip bounds: given values, or those fitted (null: no bound on that side). */
function clipBounds(step: StepOf<'clip'>, stats: StepStats): [number | null, number | null] {
  if (step.method === 'values') return [step.lower ?? null, step.upper ?? null];
  return [statNumber(stats.lower), statNumber(stats.upper)];
}

async function fitClip(
  step: StepOf<'clip'>,
  ctx: StepContext,
  connection: DuckDBConnection,
): Promise<StepStats> {
  const column = findColumn(ctx.columns, step.column) as ColumnInfo;
  const v = fitValue(column);
  if (step.method === 'values') return {};
  if (step.method === 'quantile') {
    const row = await fitRow(
      connection,
      `quantile_cont(${v}, ${sqlDouble(step.lower ?? 0)}) AS lo, quantile_cont(${v}, ${sqlDouble(step.upper ?? 1)}) AS hi`,
      ctx.input,
    );
    return {
      lower: step.lower === undefined ? null : statNumber(row.lo),
      upper: step.upper === undefined ? null : statNumber(row.hi),
    };
  }
  // IQR fences: Q1 − k·IQR and Q3 + k·IQR, k = 1.5 unless given (Tukey's).
  const row = await fitRow(
    connection,
    `quantile_cont(${v}, 0.25) AS q1, quantile_cont(${v}, 0.75) AS q3`,
    ctx.input,
  );
  const [q1, q3] = [statNumber(row.q1), statNumber(row.q3)];
  if (q1 === null || q3 === null) return { lower: null, upper: null };
  return { lower: q1 - (step.lower ?? 1.5) * (q3 - q1), upper: q3 + (step.upper ?? 1.5) * (q3 - q1) };
}

export const clip: OpDefinition<'clip'> = {
  op: 'clip',
  label: 'Clip outliers',
  keepsRows: true,
  check: clipIssues,
  fit: fitClip,
  sql(step, ctx) {
    const v = asDouble(step.column);
    const [lower, upper] = clipBounds(step, ctx.stats);
    // CASE, not GREATEST/LEAST: those skip NULLs (GREATEST(NULL, 1) is 1). NaN stays NaN
    // as in pandas, though DuckDB orders NaN above every number.
    const whens = [`WHEN isnan(${v}) THEN ${v}`];
    if (lower !== null) whens.push(`WHEN ${v} < ${sqlDouble(lower)} THEN ${sqlDouble(lower)}`);
    if (upper !== null) whens.push(`WHEN ${v} > ${sqlDouble(upper)} THEN ${sqlDouble(upper)}`);
    return replaceSql(ctx, step.column, `CASE ${whens.join(' ')} ELSE ${v} END`);
  },
  pandas(step, ctx) {
    const [lower, upper] = clipBounds(step, ctx.stats);
    const bound = (b: number | null): string => (b === null ? 'None' : pyFloat(b));
    return [
      `df[${py(step.column)}] = ${pyDouble(step.column)}.clip(lower=${bound(lower)}, upper=${bound(upper)})`,
    ];
  },
};

/** Centre and spread of a scaling; a spread of 0 or none divides by 1, as scikit-learn does. */
function scaleConstants(step: StepOf<'scale'>, stats: StepStats): [number, number] | null {
  const center = statNumber(step.method === 'minmax' ? stats.min : stats.mean);
  if (center === null) return null;
  const max = statNumber(stats.max);
  const spread = step.method === 'minmax' ? (max === null ? null : max - center) : statNumber(stats.std);
  return [center, spread === null || spread === 0 ? 1 : spread];
}

export const scale: OpDefinition<'scale'> = {
  op: 'scale',
  label: 'Scale numbers',
  keepsRows: true,
  check: (step, columns) => columnOfType(columns, step.column, 'column', 'numeric'),
  async fit(step, ctx, connection): Promise<StepStats> {
    const v = fitValue(findColumn(ctx.columns, step.column) as ColumnInfo);
    if (step.method === 'minmax') {
      const row = await fitRow(connection, `min(${v}) AS lo, max(${v}) AS hi`, ctx.input);
      return { min: statNumber(row.lo), max: statNumber(row.hi) };
    }
    const row = await fitRow(connection, `avg(${v}) AS mean, stddev_samp(${v}) AS std`, ctx.input);
    return { mean: statNumber(row.mean), std: statNumber(row.std) };
  },
  sql(step, ctx) {
    const constants = scaleConstants(step, ctx.stats);
    if (constants === null) return replaceSql(ctx, step.column, 'CAST(NULL AS DOUBLE)');
    const [center, spread] = constants;
    return replaceSql(
      ctx,
      step.column,
      `(${asDouble(step.column)} - ${sqlDouble(center)}) / ${sqlDouble(spread)}`,
    );
  },
  pandas(step, ctx) {
    const constants = scaleConstants(step, ctx.stats);
    const c = py(step.column);
    if (constants === null) return [`df[${c}] = pd.Series(np.nan, index=df.index, dtype="float64")`];
    const [center, spread] = constants;
    return [`df[${c}] = (${pyDouble(step.column)} - ${pyFloat(center)}) / ${pyFloat(spread)}`];
  },
};
