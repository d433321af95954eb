/**
 * What a recipe needs resolved before it compiles: the datasets its joins read (by the
 * internal table for running, by `dataset@N` for the readable script) and, for
 * `fit: "reuse"`, the statistics of the newest earlier application of the same steps —
 * the source's own lineage when it is one, else any version made by this recipe (the
 * replay on next month's file). See docs/architecture.md, "Inside the clean capability".
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FittedStats, Recipe } from '../../../shared/clean/recipe';
import type { DatasetVersion, Lineage } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { quoteIdentifier } from '../db/sql-text';
import { resolveVersion, versionTable, versionViewName } from '../datasets/dataset-store';

export async function joinTables(
  connection: DuckDBConnection,
  recipe: Recipe,
  readable: boolean,
): Promise<(dataset: string) => string> {
  const tables = new Map<string, string>();
  for (const step of recipe.steps) {
    if (step.op !== 'join' || tables.has(step.dataset)) continue;
    const version = await resolveVersion(connection, step.dataset);
    tables.set(
      step.dataset,
      readable ? quoteIdentifier(versionViewName(version.dataset, version.number)) : versionTable(version.id),
    );
  }
  return (dataset) => {
    const table = tables.get(dataset);
    if (!table) throw new ApiError('INVALID_INPUT', `There is no dataset "${dataset}".`);
    return table;
  };
}

export async function reusableStats(
  connection: DuckDBConnection,
  source: DatasetVersion,
  recipe: Recipe,
): Promise<FittedStats | null> {
  const text = JSON.stringify(recipe.steps);
  const matches = (lineage: Lineage) =>
    lineage.kind === 'recipe' && JSON.stringify(lineage.recipe.steps) === text;
  if (matches(source.lineage) && source.lineage.kind === 'recipe') return source.lineage.fitted;
  const reader = await connection.runAndReadAll(
    `SELECT lineage::VARCHAR AS lineage FROM assay.dataset_versions
      WHERE json_extract_string(lineage, '$.kind') = 'recipe' ORDER BY created_at DESC`,
  );
  for (const row of reader.getRowObjectsJS()) {
    const lineage = JSON.parse(String(row.lineage)) as Lineage;
    if (lineage.kind === 'recipe' && matches(lineage)) return lineage.fitted;
  }
  return null;
}
