/**
 * Applying a recipe to a whole version as a job: compiled and checked inside the new
 * version's transaction (deriveVersion), written with one CREATE TABLE … AS over the CTE
 * chain in the recipe's order, with the recipe, the fit mode and the statistics used in
 * the lineage. A problem, a failure or a cancel rolls everything back: no version.
 */
import type { ApplyRequest, ApplyResult, StepSummary } from '../../../shared/clean/clean-api';
import type { DatasetVersion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import type { ImportDeps } from '../datasets/importer';
import { resolveVersion, versionTable } from '../datasets/dataset-store';
import { deriveVersion } from '../datasets/version-jobs';
import type { JobContext } from '../jobs/job-manager';
import { compileRecipe, cteName, resultSelect, withChain } from './compile-recipe';
import { sourceSelect } from './hidden-columns';
import { joinTables, reusableStats } from './recipe-inputs';
import { savedNumberOf } from './recipe-store';

export async function runApply(
  ctx: JobContext,
  deps: ImportDeps,
  request: ApplyRequest,
): Promise<ApplyResult> {
  const started = Date.now();
  const probe = await deps.connect();
  let parent: DatasetVersion;
  try {
    parent = await resolveVersion(probe, request.version);
  } finally {
    deps.release(probe);
  }
  const fit = request.fit ?? 'recompute';
  let steps: StepSummary[] = [];
  const version = await deriveVersion(
    ctx,
    deps,
    request.name ?? parent.dataset,
    async (connection, table) => {
      ctx.progress({ stage: 'Checking the steps', fraction: 0.05 });
      const reused = fit === 'reuse' ? await reusableStats(connection, parent, request.recipe) : null;
      const compiled = await compileRecipe(connection, request.recipe, {
        source: sourceSelect(versionTable(parent.id), null),
        fit,
        reused,
        tableOf: await joinTables(connection, request.recipe, false),
      });
      if (compiled.problems.length > 0) {
        throw new ApiError('INVALID_INPUT', compiled.problems[0]!.message, { problems: compiled.problems });
      }
      ctx.throwIfCancelled();
      ctx.progress({ stage: 'Writing the new version', fraction: null });
      const last = compiled.steps.length;
      await connection.run(`CREATE TABLE ${table} AS ${resultSelect(compiled.ctes, last)}`);
      ctx.progress({ stage: 'Counting rows per step', fraction: 0.9 });
      const counts = compiled.ctes.map((_, i) => `(SELECT count(*) FROM ${cteName(i)})`);
      const row = (
        await connection.runAndReadAll(withChain(compiled.ctes, last, `SELECT ${counts.join(', ')}`))
      ).getRowsJS()[0];
      const rows = (row ?? []).map(Number);
      let before = compiled.sourceColumns;
      steps = compiled.steps.map((step) => {
        const names = new Set(step.columns.map((c) => c.name));
        const old = new Set(before.map((c) => c.name));
        const summary: StepSummary = {
          index: step.index,
          op: step.step.op,
          rowsBefore: rows[step.index] ?? 0,
          rowsAfter: rows[step.index + 1] ?? 0,
          columns: step.columns,
          addedColumns: step.columns.filter((c) => !old.has(c.name)).map((c) => c.name),
          removedColumns: before.filter((c) => !names.has(c.name)).map((c) => c.name),
          // Changed cells are counted by the preview (on its sample), not on the whole version.
          changedColumns: [],
          changedCells: null,
        };
        before = step.columns;
        return summary;
      });
      const recipeNumber = request.recipeName
        ? await savedNumberOf(connection, request.recipeName, request.recipe)
        : undefined;
      return {
        lineage: {
          kind: 'recipe',
          parent: parent.id,
          recipe: request.recipe,
          ...(request.recipeName ? { recipeName: request.recipeName.trim() } : {}),
          ...(recipeNumber === undefined ? {} : { recipeNumber }),
          fit,
          fitted: compiled.fitted,
          durationMs: Date.now() - started,
        },
      };
    },
  );
  return { version, steps };
}
