/**
 * Cleaning contract: preview a recipe on a version (the rows after, what each step
 * changed), check it as it is typed, apply it as a job that makes a new version with the
 * recipe in its lineage, export it as SQL or pandas code, and keep recipes by name.
 */
import { z } from 'zod';
import { defineRequests, type Method } from '../contract';
import type { ColumnInfo, DatasetVersion } from '../datasets';
import type { JobMethod } from '../jobs';
import { recipeSchema, type FitMode, type Recipe, type StepOp } from './recipe';

/** What one step did, counted on the rows it saw. */
export interface StepSummary {
  index: number;
  op: StepOp;
  rowsBefore: number;
  rowsAfter: number;
  columns: ColumnInfo[];
  addedColumns: string[];
  removedColumns: string[];
  /**
   * Columns present before and after whose values differ in at least one row. Counted by
   * the preview (on its sample) only: an apply reports [] with `changedCells` null, since
   * counting would need row identity and a join per step over the whole version.
   */
  changedColumns: string[];
  /**
   * Cells whose value differs, over rows kept by the step; null when rows are not
   * comparable, and always null after an apply (not counted there, see changedColumns).
   */
  changedCells: number | null;
}

/** A problem with one step, found before anything runs. */
export interface StepProblem {
  step: number;
  /** The argument at fault, e.g. "column" or "expression". */
  field?: string;
  message: string;
}

export interface CleanPreview {
  /** The result's first rows as Arrow IPC, with `__assay_row` (the source row number) first when rows map to the source. */
  page: Uint8Array;
  /** The same source rows before the recipe, as Arrow IPC (when rows map to the source). */
  before: Uint8Array | null;
  columns: ColumnInfo[];
  steps: StepSummary[];
  /** True when counts were made on a sample of the version, not all of it. */
  sampled: boolean;
  sampleRows: number;
  /** The whole recipe as one DuckDB SQL script over this version. */
  sql: string;
  elapsedMs: number;
}

export interface CleanRequest {
  /** The version the recipe reads. */
  version: string;
  recipe: Recipe;
}

export interface ApplyRequest extends CleanRequest {
  /** The dataset the new version goes to (default: the source's dataset). */
  name?: string;
  fit?: FitMode;
  /** The saved recipe this is, recorded in the lineage. */
  recipeName?: string;
}

export interface ApplyResult {
  version: DatasetVersion;
  steps: StepSummary[];
}

export interface SavedRecipe {
  name: string;
  /** 1, 2, 3 … every save of a name makes a new number. */
  number: number;
  description: string;
  createdAt: string;
  recipe: Recipe;
}

export interface CleanApi {
  'clean.preview': Method<CleanRequest & { limit?: number; throughStep?: number }, CleanPreview>;
  'clean.check': Method<CleanRequest, { problems: StepProblem[] }>;
  'clean.apply': JobMethod<ApplyRequest, ApplyResult>;
  'clean.code': Method<{ recipe: Recipe; version?: string; language: 'sql' | 'pandas' }, { code: string }>;
  'recipes.save': Method<{ name: string; recipe: Recipe; description?: string }, SavedRecipe>;
  'recipes.list': Method<Record<string, never>, SavedRecipe[]>;
  'recipes.get': Method<{ name: string; number?: number }, SavedRecipe>;
}

const versionId = z.string().min(1).max(200);
const recipeName = z
  .string()
  .trim()
  .min(1, 'Give the recipe a name.')
  .max(120)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_\- .]*$/,
    'Use letters, digits, spaces, _ . or - and start with a letter or _.',
  );

export const cleanRequests = defineRequests<CleanApi>()({
  'clean.preview': z.strictObject({
    version: versionId,
    recipe: recipeSchema,
    limit: z.number().int().min(0).max(1000).optional(),
    throughStep: z.number().int().min(0).max(500).optional(),
  }),
  'clean.check': z.strictObject({ version: versionId, recipe: recipeSchema }),
  'clean.apply': z.strictObject({
    version: versionId,
    recipe: recipeSchema,
    name: z.string().trim().min(1).max(120).optional(),
    fit: z.enum(['recompute', 'reuse']).optional(),
    recipeName: recipeName.optional(),
  }),
  'clean.code': z.strictObject({
    recipe: recipeSchema,
    version: versionId.optional(),
    language: z.enum(['sql', 'pandas']),
  }),
  'recipes.save': z.strictObject({
    name: recipeName,
    recipe: recipeSchema,
    description: z.string().max(2000).optional(),
  }),
  'recipes.list': z.strictObject({}),
  'recipes.get': z.strictObject({ name: recipeName, number: z.number().int().min(1).optional() }),
});
