/**
 * Where a recipe argument comes from: a JSON file (`{"steps": [...]}`) when one exists at
 * that path, else a recipe saved in the workspace by name (`NAME`, or `NAME@N` for one of
 * its numbers). A file that is not JSON or does not meet the contract's schema is wrong
 * usage (exit 2) with one sentence naming the file and the step at fault.
 */
import fs from 'node:fs';
import type { ApiClient } from '../../../../shared/api';
import { recipeSchema, stepOps, type Recipe } from '../../../../shared/clean';
import { ApiError } from '../../../../shared/errors';
import { UsageError } from '../../cli-io';

export interface RecipeSource {
  recipe: Recipe;
  /** How to name it to people: the file's path or `name #N`. */
  label: string;
  /** The saved recipe's name, recorded in the lineage when one was used. */
  savedName?: string;
}

/** The recipe `arg` names: a file when one is there, else a saved recipe. */
export async function loadRecipe(client: ApiClient, arg: string): Promise<RecipeSource> {
  if (isFile(arg)) return { recipe: readRecipeFile(arg), label: arg };
  const saved = /^(.*)@(\d+)$/.exec(arg);
  const name = saved ? saved[1]! : arg;
  if (looksLikePath(arg) || !/^[A-Za-z_][A-Za-z0-9_\- .]*$/.test(name)) {
    throw new Error(`There is no recipe file ${arg}.`);
  }
  try {
    const recipe = await client.call('recipes.get', {
      name,
      ...(saved ? { number: Number(saved[2]) } : {}),
    });
    return { recipe: recipe.recipe, label: `${recipe.name} #${recipe.number}`, savedName: recipe.name };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      throw new Error(`There is no recipe file ${arg} and no saved recipe by that name.`, { cause: error });
    }
    throw error;
  }
}

/** Only a recipe file (for commands that need no workspace). */
export function readRecipeFile(file: string): Recipe {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new Error(`Cannot read the recipe file ${file}: ${why ?? 'unreadable'}.`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail =
      error instanceof Error ? error.message.replace(/\s+/g, ' ').replace(/\.$/, '') : 'unreadable';
    throw new UsageError(`The recipe file ${file} is not JSON (${detail}).`);
  }
  return validRecipe(value, file);
}

/** The value as a recipe, or a UsageError in the contract's words naming the file and step. */
export function validRecipe(value: unknown, file: string): Recipe {
  const unknownOp = unknownOperation(value);
  if (unknownOp) throw new UsageError(`Invalid recipe in ${file}: ${unknownOp}`);
  const parsed = recipeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? placeOf(value, issue.path) : '';
  const message = (issue?.message ?? 'malformed recipe').replace(/\.$/, '');
  throw new UsageError(`Invalid recipe in ${file}${where}: ${message}.`);
}

/** " (step 2, cast: on_error)" from the path ["steps", 1, "on_error"]. */
function placeOf(value: unknown, path: PropertyKey[]): string {
  if (path.length === 0) return '';
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return ` (${path.map(String).join('.')})`;
  const step = (value as { steps: unknown[] }).steps[path[1]];
  const op = step && typeof step === 'object' && 'op' in step ? String(step.op) : undefined;
  const field = path.slice(2).map(String).join('.');
  return ` (step ${path[1] + 1}${op ? `, ${op}` : ''}${field ? `: ${field}` : ''})`;
}

/** A sentence for the first step whose `op` is not an operation, if any. */
function unknownOperation(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || !('steps' in value) || !Array.isArray(value.steps)) return;
  const index = value.steps.findIndex(
    (s: unknown) =>
      s && typeof s === 'object' && 'op' in s && !(stepOps as unknown[]).includes((s as { op: unknown }).op),
  );
  if (index < 0) return;
  const op = JSON.stringify((value.steps[index] as { op: unknown }).op);
  return `step ${index + 1}'s op ${op} is not an operation; the operations are ${stepOps.join(', ')}.`;
}

function isFile(arg: string): boolean {
  try {
    return fs.statSync(arg).isFile();
  } catch {
    return false;
  }
}

function looksLikePath(arg: string): boolean {
  return /[/\\]/.test(arg) || /\.json$/i.test(arg);
}
