/**
 * The live preview: the recipe compiled over the version's first rows (a sample of
 * PREVIEW_ROWS, so a step on 10M rows answers in well under 300 ms; 100k rows took up
 * to a second for ten steps, since each step's sample is materialized and diffed), each step's result
 * held in a temporary table on this connection, the result's first rows and the same
 * source rows before as Arrow IPC, and per-step summaries.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CleanPreview } from '../../../shared/clean/clean-api';
import type { Recipe } from '../../../shared/clean/recipe';
import type { DatasetVersion } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { quoteIdentifier } from '../db/sql-text';
import { encodeReader } from '../datasets/arrow-page';
import { versionTable, versionViewName } from '../datasets/dataset-store';
import { compileRecipe, cteName } from './compile-recipe';
import { ORDER, ORDER_BY, ROW, sourceSelect } from './hidden-columns';
import { joinTables } from './recipe-inputs';
import { sqlScript } from './recipe-code';
import { summarize } from './step-summaries';

export const PREVIEW_ROWS = 25_000;

export async function previewRecipe(
  connection: DuckDBConnection,
  version: DatasetVersion,
  recipe: Recipe,
  options: { limit: number; throughStep?: number },
): Promise<CleanPreview> {
  const started = performance.now();
  const sampled = version.rows > PREVIEW_ROWS;
  const source = sourceSelect(versionTable(version.id), sampled ? PREVIEW_ROWS : null);
  const compiled = await compileRecipe(connection, recipe, {
    source,
    fit: 'recompute',
    reused: null,
    tableOf: await joinTables(connection, recipe, false),
    ...(options.throughStep === undefined ? {} : { throughStep: options.throughStep }),
  });
  if (compiled.problems.length > 0) {
    throw new ApiError('INVALID_INPUT', compiled.problems[0]!.message, { problems: compiled.problems });
  }
  // The source is read in place (a rowid range of the version's table), not copied: copying
  // the sample was a fifth of a one-step preview.
  const tables = compiled.ctes.map((sql, i) => (i === 0 ? `(${sql})` : quoteIdentifier(`assay_clean_${i}`)));
  try {
    for (let i = 1; i < tables.length; i += 1) {
      // Step i reads the relation "s{i-1}", here the previous step's table.
      const body = `WITH ${cteName(i - 1)} AS (SELECT * FROM ${tables[i - 1]}) SELECT * FROM (${compiled.ctes[i]})`;
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${tables[i]} AS ${body}`);
    }
    const last = tables.at(-1)!;
    const keyed = compiled.steps.at(-1)?.keyed ?? true;
    const steps = await summarize(connection, tables, compiled.sourceColumns, compiled.steps);
    const page = encodeReader(
      await connection.runAndReadAll(
        `SELECT * EXCLUDE (${quoteIdentifier(ORDER)}) FROM ${last} ORDER BY ${ORDER_BY} LIMIT ${options.limit}`,
      ),
    );
    const before = keyed
      ? encodeReader(
          await connection.runAndReadAll(
            `SELECT b.* EXCLUDE (${quoteIdentifier(ORDER)}) FROM
               (SELECT ${quoteIdentifier(ROW)}, ${ORDER_BY} FROM ${last} ORDER BY ${ORDER_BY} LIMIT ${options.limit}) p
               JOIN ${tables[0]} b USING (${quoteIdentifier(ROW)}) ORDER BY p.${ORDER_BY}`,
          ),
        )
      : null;
    return {
      page,
      before,
      columns: compiled.steps.at(-1)?.columns ?? compiled.sourceColumns,
      steps,
      sampled,
      sampleRows: Math.min(version.rows, PREVIEW_ROWS),
      sql: sqlScript(compiled, versionViewName(version.dataset, version.number)),
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    for (const table of tables.slice(1))
      await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}
