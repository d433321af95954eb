/**
 * Saved recipes: each save of a name adds the next number (1, 2, 3 …), so an applied
 * recipe's lineage can say exactly which one it was; older numbers stay readable.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SavedRecipe } from '../../../shared/clean/clean-api';
import type { Recipe } from '../../../shared/clean/recipe';
import { ApiError } from '../../../shared/errors';

const COLUMNS = `name, number, description, recipe::VARCHAR AS recipe, epoch_ms(created_at) AS created_ms`;

function toSaved(row: Record<string, unknown>): SavedRecipe {
  return {
    name: String(row.name),
    number: Number(row.number),
    description: String(row.description),
    createdAt: new Date(Number(row.created_ms)).toISOString(),
    recipe: JSON.parse(String(row.recipe)) as Recipe,
  };
}

async function select(connection: DuckDBConnection, sql: string, values: Array<string | number>) {
  const reader = await connection.runAndReadAll(sql, values);
  return (reader.getRowObjectsJS() as Record<string, unknown>[]).map(toSaved);
}

export async function saveRecipe(
  connection: DuckDBConnection,
  name: string,
  recipe: Recipe,
  description: string,
): Promise<SavedRecipe> {
  const trimmed = name.trim();
  await connection.run(
    `INSERT INTO assay.recipes (name, number, description, recipe)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3::JSON FROM assay.recipes WHERE name = $1`,
    [trimmed, description, JSON.stringify(recipe)],
  );
  return getRecipe(connection, trimmed);
}

/** The latest number of every name, by name. */
export async function listRecipes(connection: DuckDBConnection): Promise<SavedRecipe[]> {
  return select(
    connection,
    `SELECT ${COLUMNS} FROM assay.recipes QUALIFY number = max(number) OVER (PARTITION BY name) ORDER BY name`,
    [],
  );
}

/** `name` at `number`, or its latest number. */
export async function getRecipe(
  connection: DuckDBConnection,
  name: string,
  number?: number,
): Promise<SavedRecipe> {
  const all = await select(
    connection,
    `SELECT ${COLUMNS} FROM assay.recipes WHERE name = $1 ORDER BY number`,
    [name.trim()],
  );
  if (all.length === 0) throw new ApiError('NOT_FOUND', `There is no saved recipe named "${name.trim()}".`);
  const chosen = number === undefined ? all.at(-1) : all.find((r) => r.number === number);
  if (!chosen) {
    throw new ApiError(
      'NOT_FOUND',
      `Recipe "${name.trim()}" has no number ${number}; its numbers are ${all.map((r) => r.number).join(', ')}.`,
    );
  }
  return chosen;
}

/** The latest saved number of `name` holding exactly `recipe`, for the lineage. */
export async function savedNumberOf(
  connection: DuckDBConnection,
  name: string,
  recipe: Recipe,
): Promise<number | undefined> {
  const all = await select(
    connection,
    `SELECT ${COLUMNS} FROM assay.recipes WHERE name = $1 ORDER BY number DESC`,
    [name.trim()],
  );
  const text = JSON.stringify(recipe);
  return all.find((r) => JSON.stringify(r.recipe) === text)?.number;
}
