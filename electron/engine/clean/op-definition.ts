/**
 * Changed by K1 (recipe engine), at minute 15, additive only: `StepContext.order` (the
 * current row order as an ORDER BY list, for ffill/bfill and keep first/last), `rowKey`
 * is opaque (it may name more than one hidden column: select it as given), and in `fit`
 * `ctx.input` is a parenthesized query (use it as `FROM ${ctx.input}`).
 *
 * What every cleaning operation provides, so the recipe engine (compile-recipe.ts) can
 * chain steps as SQL CTEs, fit the statistics a step needs, check a step before anything
 * runs, and write the same step as pandas code. One file per group of operations under
 * ops/ implements this; ops/index.ts lists them all.
 *
 * Row identity: the engine reads the source with its row number as `__assay_row` and keeps
 * it through every step whose rows map to source rows (`keepsRows`), so the preview can
 * show which cells changed. Such steps select `ctx.rowKey` (the quoted `__assay_row`
 * column followed by a comma) first, and never list `__assay_row` in `ctx.columns`.
 * Steps that make new rows (group_by, join, one_hot on rows, sql) drop it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepOf, StepOp } from '../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../shared/datasets';

/** Statistics fitted for one step: plain JSON, recorded in the result's lineage. */
export type StepStats = Record<string, number | string | null | Array<number | string | null>>;

export interface StepContext {
  /**
   * The relation this step reads: in `sql`, the quoted name of the previous step's CTE; in
   * `fit`, a parenthesized query. Either way write `FROM ${ctx.input}`.
   */
  input: string;
  /** The columns of `input`, without `__assay_row`. */
  columns: ColumnInfo[];
  /**
   * The hidden columns to carry, with a trailing comma (`"__assay_row", "__assay_order", `
   * while rows map to source rows): select it first, as given. Never list hidden columns
   * yourself; the engine adds and removes them (docs/architecture.md).
   */
  rowKey: string;
  /** The current row order as an ORDER BY list (`"__assay_order"`), for ffill, bfill, keep first/last. */
  order: string;
  /** This step's fitted statistics (from `fit`, or reused from an earlier lineage). */
  stats: StepStats;
  /**
   * True when `stats` were reused from an earlier application (fit "reuse") rather than
   * fitted on this very input. Out-of-fold target encoding needs to know: on the rows it
   * was fitted on it encodes each row without its own target; on other rows it applies
   * the fitted means (docs/architecture.md, "Inside the clean capability").
   */
  reused?: boolean;
  /** For join: the SQL table reference of another dataset's latest (or @N) version. */
  tableOf(dataset: string): string;
}

export interface StepIssue {
  field?: string;
  message: string;
}

export interface OpDefinition<Op extends StepOp> {
  op: Op;
  /** For people: "Drop columns", "Fill missing values". */
  label: string;
  /** Whether each output row is one of the input rows (possibly changed, filtered or reordered). */
  keepsRows: boolean;
  /** Problems found from the step and the columns it will see, as sentences; empty when fine. */
  check(step: StepOf<Op>, columns: ColumnInfo[]): StepIssue[];
  /**
   * The statistics this step needs from its input (a mean, quantiles, bounds, edges, the
   * categories to one-hot), computed on `ctx.input` with the given connection.
   */
  fit?(step: StepOf<Op>, ctx: StepContext, connection: DuckDBConnection): Promise<StepStats>;
  /** The step as one SELECT over `ctx.input`. */
  sql(step: StepOf<Op>, ctx: StepContext): string;
  /**
   * The step as Python statements over the pandas DataFrame `df` (and `datasets`, a dict
   * of other DataFrames by name, for join), giving the same rows and values as `sql`.
   */
  pandas(step: StepOf<Op>, ctx: Pick<StepContext, 'columns' | 'stats' | 'reused'>): string[];
}

export type AnyOpDefinition = { [Op in StepOp]: OpDefinition<Op> }[StepOp];
