/**
 * Compiles a recipe into one chain of DuckDB CTEs over a version, step by step: each
 * step is checked against the exact columns it will see (DESCRIBE of the chain so far),
 * its statistics are fitted or reused, and its SELECT is wrapped so the hidden row and
 * order columns follow the rule in hidden-columns.ts. Problems come back as sentences
 * naming the step, the operation and the field; compiling stops at the first bad step,
 * since the steps after it would see columns nobody can know.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FitMode, FittedStats, Recipe, Step } from '../../../shared/clean/recipe';
import type { StepProblem } from '../../../shared/clean/clean-api';
import type { ColumnInfo } from '../../../shared/datasets';
import { firstLine } from '../db/duckdb-errors';
import { checkReadOnly } from '../db/read-only-sql';
import { quoteIdentifier } from '../db/sql-text';
import { castProblem } from './cast-check';
import {
  ORDER,
  hiddenOf,
  ORDER_BY,
  ROW,
  numberNewRows,
  renumberSorted,
  rowKeyOf,
  visible,
} from './hidden-columns';
import { definitionOf } from './ops';
import { sortKeys } from './ops/rows-ops';
import type { AnyOpDefinition, StepContext, StepStats } from './op-definition';
import { type StepShape, stepShape } from './step-shape';

const NO_EXPLAIN = { allowExplain: false, allowPragma: false };

export interface CompileOptions {
  /** The first relation's SELECT (sourceSelect), with both hidden columns. */
  source: string;
  fit: FitMode;
  /** Statistics to reuse, by step index (required when fit is 'reuse' and a step fits). */
  reused: FittedStats | null;
  /**
   * Whether `source` carries `__assay_row` (default true). Applying leaves it out: nobody
   * diffs a whole version, and every step then carries one hidden column less.
   */
  keyed?: boolean;
  /** Only the first `throughStep` steps (all when absent). */
  throughStep?: number;
  tableOf(dataset: string): string;
}

export interface CompiledStep {
  index: number;
  step: Step;
  label: string;
  /** This step's output, without hidden columns. */
  columns: ColumnInfo[];
  /** Whether its rows still map to source rows (`__assay_row` is present). */
  keyed: boolean;
  /** Whether its rows keep their physical order and count (step-shape.ts). */
  shape: StepShape;
}

export interface CompiledRecipe {
  /** CTE bodies: [0] is the source, [i + 1] is step i. */
  ctes: string[];
  sourceColumns: ColumnInfo[];
  steps: CompiledStep[];
  problems: StepProblem[];
  fitted: FittedStats;
  /** Whether `fitted` was reused from an earlier application (fit "reuse"). */
  reused: boolean;
}

export function cteName(i: number): string {
  return quoteIdentifier(`s${i}`);
}

/** `WITH s0 AS (…), … ` up to relation `last`, followed by `tail`. */
export function withChain(ctes: string[], last: number, tail: string): string {
  const defs = ctes.slice(0, last + 1).map((sql, i) => `${cteName(i)} AS (${sql})`);
  return `WITH ${defs.join(',\n')}\n${tail}`;
}

/**
 * The rows of relation `last` as people see them: no hidden columns (`keyed`: whether it
 * still has `__assay_row`), in the recipe's order — sorted by `__assay_order` unless the
 * caller knows the rows are already in that order (`inOrder`, see step-shape.ts).
 */
export function resultSelect(ctes: string[], last: number, keyed: boolean, inOrder = false): string {
  const exclude = hiddenOf(keyed).map(quoteIdentifier).join(', ');
  const order = inOrder ? '' : ` ORDER BY ${ORDER_BY}`;
  return withChain(ctes, last, `SELECT * EXCLUDE (${exclude}) FROM ${cteName(last)}${order}`);
}

async function describe(connection: DuckDBConnection, sql: string): Promise<ColumnInfo[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${sql}`);
  return reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

export function stepTitle(index: number, op: string): string {
  return `Step ${index + 1} (${op})`;
}

/** The argument a DuckDB error most likely concerns, for steps with one free-text field. */
function textField(step: Step): string | undefined {
  if ('expression' in step) return 'expression';
  if ('query' in step) return 'query';
  return undefined;
}

export async function compileRecipe(
  connection: DuckDBConnection,
  recipe: Recipe,
  options: CompileOptions,
): Promise<CompiledRecipe> {
  const withHidden = await describe(connection, options.source);
  const out: CompiledRecipe = {
    ctes: [options.source],
    sourceColumns: visible(withHidden),
    steps: [],
    problems: [],
    fitted: {},
    reused: options.fit === 'reuse',
  };
  const droppedBy = new Map<string, number>();
  let columns = out.sourceColumns;
  let keyed = options.keyed ?? true;
  const count = Math.min(recipe.steps.length, options.throughStep ?? recipe.steps.length);
  for (let index = 0; index < count; index += 1) {
    const step = recipe.steps[index]!;
    const done = await compileStep(connection, out, { index, step, columns, keyed, droppedBy, options });
    if (!done) break;
    for (const c of columns) {
      if (!done.columns.some((d) => d.name === c.name)) droppedBy.set(c.name, index + 1);
    }
    ({ columns, keyed } = done);
  }
  return out;
}

interface StepInput {
  index: number;
  step: Step;
  columns: ColumnInfo[];
  keyed: boolean;
  droppedBy: Map<string, number>;
  options: CompileOptions;
}

/** Adds one step to `out`; null (with its problems recorded) when the step cannot run. */
async function compileStep(
  connection: DuckDBConnection,
  out: CompiledRecipe,
  input: StepInput,
): Promise<CompiledStep | null> {
  const { index, step, columns, keyed } = input;
  const title = stepTitle(index, step.op);
  const problem = (message: string, field?: string) => {
    out.problems.push({ step: index, ...(field ? { field } : {}), message: `${title}: ${message}` });
    return null;
  };
  const definition = definitionOf(step.op) as AnyOpDefinition | undefined;
  if (!definition) return problem('this operation is not available yet.');
  const issues = definition.check(step as never, columns);
  for (const issue of issues) problem(withDropHint(issue.message, columns, input.droppedBy), issue.field);
  if (issues.length > 0) return null;

  const ctx: StepContext = {
    input: `(${withChain(out.ctes, index, `SELECT * FROM ${cteName(index)}`)})`,
    columns,
    rowKey: rowKeyOf(keyed),
    order: ORDER_BY,
    stats: {},
    reused: input.options.fit === 'reuse',
    tableOf: input.options.tableOf,
  };
  try {
    if (step.op === 'cast' && step.on_error === 'fail') {
      const bad = await castProblem(connection, ctx.input, step, columns);
      if (bad) return problem(bad, 'type');
    }
    ctx.stats = await statsFor(connection, definition, step, ctx, input.options, index);
    if (definition.fit) out.fitted[String(index)] = ctx.stats;
  } catch (error) {
    return problem(
      `${firstLine(error instanceof Error ? error.message : String(error)).replace(/\.$/, '')}.`,
    );
  }
  let sql: string;
  try {
    sql = definition.sql(step as never, { ...ctx, input: cteName(index) });
    // A step's SQL carries a person's text (filter, formula, sql steps): it must only read,
    // by the same parse-tree check as the SQL console, before DuckDB binds any of it.
    await checkReadOnly(connection, withChain(out.ctes, index, sql), NO_EXPLAIN);
    const raw = await describe(connection, withChain(out.ctes, index, sql));
    const keeps = definition.keepsRows && raw.some((c) => c.name === ORDER);
    const plain = stepShape(sql, cteName(index));
    const shape = keeps && step.op !== 'sort' ? plain : { inPlace: false, sameRows: false };
    const stillKeyed = keeps && keyed && raw.some((c) => c.name === ROW);
    if (!keeps) sql = numberNewRows(sql, visible(raw));
    else if (step.op === 'sort') sql = renumberSorted(sql, sortKeys(step, columns));
    const compiled: CompiledStep = {
      index,
      step,
      label: definition.label,
      columns: visible(raw),
      keyed: stillKeyed,
      shape,
    };
    out.ctes.push(sql);
    out.steps.push(compiled);
    return compiled;
  } catch (error) {
    const message = firstLine(error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    return problem(`${message}.`, textField(step));
  }
}

async function statsFor(
  connection: DuckDBConnection,
  definition: AnyOpDefinition,
  step: Step,
  ctx: StepContext,
  options: CompileOptions,
  index: number,
): Promise<StepStats> {
  if (!definition.fit) return {};
  if (options.fit === 'reuse') {
    const reused = options.reused?.[String(index)];
    if (!reused) {
      throw new Error(
        'there are no fitted statistics to reuse: no earlier application of this recipe recorded them; use fit "recompute"',
      );
    }
    return reused;
  }
  return definition.fit(step as never, ctx, connection);
}

/** "… does not exist" becomes "… does not exist — it was dropped by step 2." */
function withDropHint(message: string, columns: ColumnInfo[], droppedBy: Map<string, number>): string {
  for (const [, name] of message.matchAll(/"([^"]+)"/g)) {
    const by = droppedBy.get(name!);
    if (by !== undefined && !columns.some((c) => c.name === name)) {
      return `${message.replace(/\.$/, '')} — it was dropped by step ${by}.`;
    }
  }
  return message;
}
