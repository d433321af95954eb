/**
 * A cleaning recipe: an ordered list of steps, each one operation with its arguments, as
 * JSON (`{"steps": [{"op": "drop_columns", "columns": ["a"]}, …]}`). The schemas here are
 * the single definition of every operation's arguments: the step types are inferred from
 * them, the engine compiles each step to DuckDB SQL and to pandas code, the UI builds its
 * forms from them, and every caller's recipe is validated against them.
 */
import { z } from 'zod';
import { featureStepSchemas } from '../features/feature-steps';

const column = z.string().min(1, 'Name a column.').max(300);
const columns = z.array(column).min(1, 'Name at least one column.').max(5000);
const newName = z.string().trim().min(1, 'Give the new column a name.').max(300);
const expression = z.string().trim().min(1, 'Write an expression.').max(100_000);
const sortKey = z.strictObject({ column, descending: z.boolean().optional() });

export const stepSchemas = {
  select_columns: z.strictObject({ op: z.literal('select_columns'), columns }),
  drop_columns: z.strictObject({ op: z.literal('drop_columns'), columns }),
  rename_columns: z.strictObject({
    op: z.literal('rename_columns'),
    mapping: z
      .record(column, newName)
      .refine((m) => Object.keys(m).length > 0, 'Rename at least one column.'),
  }),
  reorder_columns: z.strictObject({ op: z.literal('reorder_columns'), columns }),
  clone_column: z.strictObject({ op: z.literal('clone_column'), column, name: newName }),
  cast: z.strictObject({
    op: z.literal('cast'),
    column,
    type: z.string().trim().min(1).max(100),
    on_error: z.enum(['null', 'fail']),
  }),
  filter: z.strictObject({ op: z.literal('filter'), expression }),
  sort: z.strictObject({ op: z.literal('sort'), by: z.array(sortKey).min(1).max(50) }),
  drop_missing: z.strictObject({ op: z.literal('drop_missing'), columns: columns.optional() }),
  fill_missing: z.strictObject({
    op: z.literal('fill_missing'),
    column,
    strategy: z.enum(['constant', 'mean', 'median', 'mode', 'ffill', 'bfill']),
    value: z.union([z.string().max(10_000), z.number(), z.boolean()]).optional(),
    order_by: column.optional(),
    group_by: z.array(column).max(50).optional(),
  }),
  drop_duplicates: z.strictObject({
    op: z.literal('drop_duplicates'),
    columns: columns.optional(),
    keep: z.enum(['first', 'last', 'none']),
    order_by: column.optional(),
  }),
  replace: z.strictObject({
    op: z.literal('replace'),
    column,
    find: z.string().min(1).max(10_000),
    replace: z.string().max(10_000),
    regex: z.boolean(),
  }),
  strip: z.strictObject({ op: z.literal('strip'), columns }),
  change_case: z.strictObject({
    op: z.literal('change_case'),
    column,
    to: z.enum(['lower', 'upper', 'title']),
  }),
  split_column: z.strictObject({
    op: z.literal('split_column'),
    column,
    delimiter: z.string().min(1).max(100),
    into: z.array(newName).min(1).max(100),
  }),
  text_length: z.strictObject({ op: z.literal('text_length'), column, name: newName }),
  parse_date: z.strictObject({ op: z.literal('parse_date'), column, format: z.string().min(1).max(200) }),
  date_part: z.strictObject({
    op: z.literal('date_part'),
    column,
    part: z.enum([
      'year',
      'quarter',
      'month',
      'day',
      'weekday',
      'dayofyear',
      'week',
      'hour',
      'minute',
      'second',
    ]),
    name: newName,
  }),
  round: z.strictObject({
    op: z.literal('round'),
    column,
    digits: z.number().int().min(-15).max(15),
    mode: z.enum(['round', 'floor', 'ceil']),
  }),
  clip: z.strictObject({
    op: z.literal('clip'),
    column,
    method: z.enum(['values', 'quantile', 'iqr']),
    lower: z.number().optional(),
    upper: z.number().optional(),
  }),
  scale: z.strictObject({ op: z.literal('scale'), column, method: z.enum(['minmax', 'zscore']) }),
  bin: z.strictObject({
    op: z.literal('bin'),
    column,
    method: z.enum(['width', 'quantile', 'edges']),
    bins: z.number().int().min(1).max(1000).optional(),
    edges: z.array(z.number()).min(2).max(1001).optional(),
    name: newName,
  }),
  one_hot: z.strictObject({ op: z.literal('one_hot'), column, prefix: z.string().max(100).optional() }),
  group_by: z.strictObject({
    op: z.literal('group_by'),
    keys: z.array(column).min(1).max(50),
    aggregations: z
      .array(
        z.strictObject({
          column,
          fn: z.enum(['count', 'sum', 'mean', 'median', 'min', 'max', 'std', 'nunique', 'first', 'last']),
          name: newName,
        }),
      )
      .min(1)
      .max(200),
  }),
  join: z.strictObject({
    op: z.literal('join'),
    dataset: z.string().min(1).max(200),
    on: z.union([z.array(column).min(1).max(20), z.strictObject({ left: column, right: column })]),
    how: z.enum(['inner', 'left', 'right', 'full']),
  }),
  formula: z.strictObject({ op: z.literal('formula'), name: newName, expression }),
  sql: z.strictObject({ op: z.literal('sql'), query: expression }),
  // Feature operations (lag, rolling, target_encode, …) are steps of the same recipe.
  ...featureStepSchemas,
} as const;

export type StepOp = keyof typeof stepSchemas;
export type StepOf<Op extends StepOp> = z.infer<(typeof stepSchemas)[Op]>;
export type Step = { [Op in StepOp]: StepOf<Op> }[StepOp];

export const stepOps = Object.keys(stepSchemas) as StepOp[];

export const stepSchema = z.discriminatedUnion(
  'op',
  Object.values(stepSchemas) as unknown as [(typeof stepSchemas)[StepOp], ...(typeof stepSchemas)[StepOp][]],
) as unknown as z.ZodType<Step, Step>;

export const recipeSchema = z.strictObject({
  steps: z.array(stepSchema).max(500, 'A recipe holds at most 500 steps.'),
});

export interface Recipe {
  steps: Step[];
}

/**
 * Whether statistics a step needs (the mean of fill_missing, quantiles of clip, bounds of
 * scale, bin edges, one-hot categories) are computed again from the version a recipe is
 * applied to, or reused from the lineage of an earlier application.
 */
export type FitMode = 'recompute' | 'reuse';

/** Statistics fitted for one step, keyed by the step's index in the recipe. */
export type FittedStats = Record<
  string,
  Record<string, number | string | null | Array<number | string | null>>
>;
