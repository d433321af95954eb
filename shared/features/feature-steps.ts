/**
 * Feature operations as recipe steps: arithmetic between columns, transforms (log, sqrt,
 * power, cyclical), ordered features (lag, diff, rolling, expanding), encodings (target,
 * frequency), text tokens and interactions. They are ordinary recipe steps — the same
 * JSON, the same engine, each compiled to SQL a person can read and to pandas — so their
 * schemas are spread into `stepSchemas` (shared/clean/recipe.ts) and one recipe holds
 * cleaning and features alike (docs/architecture.md, "Inside the clean capability").
 *
 * Every feature step adds columns named by `name` and never changes the columns it reads.
 */
import { z } from 'zod';

const column = z.string().min(1, 'Name a column.').max(300);
const newName = z.string().trim().min(1, 'Give the new column a name.').max(300);

/** The entities an ordered feature is computed within (a customer, a sensor); optional. */
const by = z.array(column).max(50).optional();
/** The column that orders rows in time; absent, the recipe's current row order. */
const orderBy = column.optional();

/** A time window: a whole number of seconds, minutes, hours, days or weeks. */
export const INTERVAL_PATTERN = /^([1-9]\d{0,5}) (second|minute|hour|day|week)s?$/;

const interval = z
  .string()
  .trim()
  .regex(INTERVAL_PATTERN, 'Write the window as a number of rows, or a time like "7 days" or "12 hours".');

export const windowFns = ['mean', 'sum', 'min', 'max', 'count', 'std'] as const;

export const featureStepSchemas = {
  /** a (+, −, ×, ÷) b; division by zero gives NULL. */
  arithmetic: z.strictObject({
    op: z.literal('arithmetic'),
    a: column,
    operator: z.enum(['add', 'subtract', 'multiply', 'divide']),
    b: column,
    name: newName,
  }),
  /** a ÷ b; division by zero gives NULL. */
  ratio: z.strictObject({ op: z.literal('ratio'), a: column, b: column, name: newName }),
  /** Logarithm (of x + 1 with plus_one); NULL where the argument is 0 or less. */
  log: z.strictObject({
    op: z.literal('log'),
    column,
    base: z.enum(['e', '2', '10']),
    plus_one: z.boolean().optional(),
    name: newName,
  }),
  /** Square root; NULL for negative numbers. */
  sqrt: z.strictObject({ op: z.literal('sqrt'), column, name: newName }),
  /** x to a power; NULL where that is not a finite real number (0 to a negative power, (−8)^0.5). */
  power: z.strictObject({
    op: z.literal('power'),
    column,
    exponent: z.number().min(-100).max(100),
    name: newName,
  }),
  /** sin and cos of 2π·x / period, as name_sin and name_cos (hour: 24, weekday: 7, month: 12). */
  cyclical: z.strictObject({
    op: z.literal('cyclical'),
    column,
    period: z.number().positive('The period must be more than 0.').max(1e12),
    name: newName,
  }),
  /** The value n rows earlier within `by`, in `order_by` order. */
  lag: z.strictObject({
    op: z.literal('lag'),
    column,
    by,
    order_by: orderBy,
    n: z.number().int().min(1, 'n counts rows back: 1 or more.').max(100_000).optional(),
    name: newName,
  }),
  /** The value minus the value n rows earlier within `by`, in `order_by` order. */
  diff: z.strictObject({
    op: z.literal('diff'),
    column,
    by,
    order_by: orderBy,
    n: z.number().int().min(1, 'n counts rows back: 1 or more.').max(100_000).optional(),
    name: newName,
  }),
  /** fn over the last `window` rows (or the last "7 days"), the current row included. */
  rolling: z.strictObject({
    op: z.literal('rolling'),
    column,
    by,
    order_by: orderBy,
    window: z.union([z.number().int().min(1, 'A window holds 1 row or more.').max(100_000), interval]),
    fn: z.enum(windowFns),
    name: newName,
  }),
  /** fn over every row so far within `by`, the current row included. */
  expanding: z.strictObject({
    op: z.literal('expanding'),
    column,
    by,
    order_by: orderBy,
    fn: z.enum(windowFns),
    name: newName,
  }),
  /** Out-of-fold mean of `target` per category, smoothed toward the overall mean. */
  target_encode: z.strictObject({
    op: z.literal('target_encode'),
    column,
    target: column,
    folds: z.number().int().min(2).max(20).optional(),
    smoothing: z.number().min(0).max(1e6).optional(),
    name: newName,
  }),
  /** How often each category occurs (a share of rows with normalize). */
  frequency_encode: z.strictObject({
    op: z.literal('frequency_encode'),
    column,
    normalize: z.boolean().optional(),
    name: newName,
  }),
  /** The number of words in a text, and indicators for its `top` most common words. */
  text_tokens: z.strictObject({
    op: z.literal('text_tokens'),
    column,
    top: z.number().int().min(0).max(100).optional(),
    name: newName,
  }),
  /** a × b for two numbers; the pair "a|b" as a category otherwise. */
  interaction: z.strictObject({ op: z.literal('interaction'), a: column, b: column, name: newName }),
} as const;

export type FeatureStepOp = keyof typeof featureStepSchemas;
export const featureStepOps = Object.keys(featureStepSchemas) as FeatureStepOp[];
