/**
 * Applying a recipe to a whole version as a job: compiled and checked inside the new
 * version's transaction (deriveVersion), written with one CREATE TABLE … AS over the CTE
 * chain in the recipe's order, with the recipe, the fit mode and the statistics used in
 * the lineage. A problem, a failure or a cancel rolls everything back: no version.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ApplyRequest, ApplyResult, StepSummary } from '../../../shared/clean/clean-api';
import type { DatasetVersion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import type { ImportDeps } from '../datasets/importer';
import { resolveVersion, versionTable } from '../datasets/dataset-store';
import { deriveVersion } from '../datasets/version-jobs';
import type { JobContext } from '../jobs/job-manager';
import { type CompiledRecipe, compileRecipe, cteName, resultSelect, withChain } from './compile-recipe';
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
      // Refused even when no step fits: "reuse" promises the earlier application's
      // statistics, and silently recomputing (or having none) would break that promise.
      if (fit === 'reuse' && reused === null) {
        throw new ApiError(
          'INVALID_INPUT',
          `Nothing to reuse: no earlier application of these steps recorded fitted statistics (not ${parent.dataset}@${parent.number} nor any other version); apply with fit "recompute" first.`,
          { field: 'fit' },
        );
      }
      const compiled = await compileRecipe(connection, request.recipe, {
        source: sourceSelect(versionTable(parent.id), null, false),
        fit,
        reused,
        keyed: false,
        tableOf: await joinTables(connection, request.recipe, false),
      });
      if (compiled.problems.length > 0) {
        throw new ApiError('INVALID_INPUT', compiled.problems[0]!.message, { problems: compiled.problems });
      }
      ctx.throwIfCancelled();
      ctx.progress({ stage: 'Writing the new version', fraction: null });
      const last = compiled.steps.length;
      // When every step keeps rows in place, DuckDB writes them in source order by itself:
      // the ORDER BY would only sort rows already sorted (a tenth of a 10M-row apply).
      const inOrder = (await insertionOrderKept(connection)) && compiled.steps.every((s) => s.shape.inPlace);
      await connection.run(`CREATE TABLE ${table} AS ${resultSelect(compiled.ctes, last, false, inOrder)}`);
      ctx.progress({ stage: 'Counting rows per step', fraction: 0.9 });
      const rows = await chainRowCounts(
        connection,
        compiled.ctes,
        compiled.steps.map((s) => s.shape.sameRows),
        { source: parent.rows, result: await rowCount(connection, table) },
      );
      steps = applySummaries(compiled, rows);
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

async function insertionOrderKept(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll("SELECT current_setting('preserve_insertion_order')");
  return reader.getRowsJS()[0]?.[0] === true;
}

async function rowCount(connection: DuckDBConnection, table: string): Promise<number> {
  return Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0]?.[0] ?? 0);
}

/**
 * Rows before and after each step: `counts[0]` is the source's, the last the written
 * table's, and a step that keeps all rows copies its neighbour's. Only counts still
 * unknown (around filters whose output no other count pins) are queried, together.
 */
async function chainRowCounts(
  connection: DuckDBConnection,
  ctes: string[],
  sameRows: boolean[],
  ends: { source: number; result: number },
): Promise<number[]> {
  const last = ctes.length - 1;
  const counts: Array<number | null> = ctes.map(() => null);
  counts[0] = ends.source;
  counts[last] = ends.result;
  for (let i = 0; i < sameRows.length; i += 1) if (sameRows[i]) counts[i + 1] ??= counts[i] ?? null;
  for (let i = sameRows.length - 1; i >= 0; i -= 1) if (sameRows[i]) counts[i] ??= counts[i + 1] ?? null;
  const unknown = counts.flatMap((c, i) => (c === null ? [i] : []));
  if (unknown.length > 0) {
    const select = unknown.map((i) => `(SELECT count(*) FROM ${cteName(i)})`).join(', ');
    const row = (await connection.runAndReadAll(withChain(ctes, last, `SELECT ${select}`))).getRowsJS()[0];
    unknown.forEach((i, k) => (counts[i] = Number(row?.[k] ?? 0)));
  }
  return counts.map((c) => c ?? 0);
}

/**
 * Each step's summary after applying. Changed cells are not counted here: that needs row
 * identity and a join per step over the whole version; the preview counts them on its
 * sample, so an apply reports `changedColumns: []` and `changedCells: null` (unknown).
 */
function applySummaries(compiled: CompiledRecipe, rows: number[]): StepSummary[] {
  let before = compiled.sourceColumns;
  return compiled.steps.map((step) => {
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
      changedColumns: [],
      changedCells: null,
    };
    before = step.columns;
    return summary;
  });
}
