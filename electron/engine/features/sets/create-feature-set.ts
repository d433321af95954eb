/**
 * `featureSets.create` as a job: the optional recipe of feature steps is compiled over the
 * source version, the set's columns are checked against its result, and entity, time and
 * features are written as a new version of the dataset `fs_<name>`; the set's version is
 * recorded in the same transaction (deriveRecordedVersion in datasets/version-jobs.ts), so a problem, a failure or a
 * cancel leaves neither. Of rows tied on entity and time only the last recorded (in the
 * recipe's order) is kept, and the rows are stored ordered by entity and time
 * (docs/architecture.md, "Inside the features capability").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Recipe } from '../../../../shared/clean/recipe';
import type { DatasetVersion } from '../../../../shared/datasets';
import { ApiError } from '../../../../shared/errors';
import type { CreateFeatureSetRequest, FeatureSetVersion } from '../../../../shared/features/feature-sets';
import { compileRecipe, resultSelect } from '../../clean/compile-recipe';
import { sourceSelect } from '../../clean/hidden-columns';
import { joinTables } from '../../clean/recipe-inputs';
import { resolveVersion, versionTable, versionViewName } from '../../datasets/dataset-store';
import type { ImportDeps } from '../../datasets/importer';
import { quoteIdentifier } from '../../db/sql-text';
import type { JobContext } from '../../jobs/job-manager';
import { deriveRecordedVersion } from '../../datasets/version-jobs';
import { findSetName, insertSetVersion, nextSetVersion } from './feature-set-store';
import { checkSetColumns, type SetColumns } from './set-columns';
import { parseTtl } from './ttl';

/** The dataset a set's rows are materialised into. */
export function materialisedDatasetName(setName: string): string {
  return `fs_${setName}`;
}

async function compileOver(connection: DuckDBConnection, source: DatasetVersion, recipe: Recipe) {
  const compiled = await compileRecipe(connection, recipe, {
    source: sourceSelect(versionTable(source.id), null, false),
    fit: 'recompute',
    reused: null,
    keyed: false,
    tableOf: await joinTables(connection, recipe, false),
  });
  if (compiled.problems.length > 0) {
    throw new ApiError('INVALID_INPUT', compiled.problems[0]!.message, { problems: compiled.problems });
  }
  return compiled;
}

async function insertionOrderKept(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll("SELECT current_setting('preserve_insertion_order')");
  return reader.getRowsJS()[0]?.[0] === true;
}

/**
 * Deletes rows that a later row with the same entity and time supersedes, and answers how
 * many: a set holds one row per entity and instant, so every join finds exactly one
 * (DuckDB's ASOF JOIN would pick among ties arbitrarily). The rest keep their order.
 */
async function dropTiedRows(connection: DuckDBConnection, table: string, keys: string[]): Promise<number> {
  const list = keys.map(quoteIdentifier).join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM ${table} GROUP BY ${list} HAVING count(*) > 1)`,
  );
  const tied = Number(reader.getRowsJS()[0]?.[0] ?? 0);
  if (tied > 0) {
    await connection.run(
      `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} QUALIFY row_number() OVER (PARTITION BY ${list} ORDER BY rowid DESC) > 1)`,
    );
  }
  return tied;
}

/**
 * Writes the set's rows ordered by entity and time (one row per pair once ties are gone):
 * a set is written once and joined many times, and the join's sort of an already ordered
 * set is cheaper (docs/architecture.md, "Inside the features capability").
 */
async function writeSorted(connection: DuckDBConnection, staging: string, table: string, keys: string[]) {
  await connection.run(
    `CREATE TABLE ${table} AS SELECT * FROM ${staging} ORDER BY ${keys.map(quoteIdentifier).join(', ')}`,
  );
  await connection.run(`DROP TABLE ${staging}`);
}

/** The set's version record once its rows are materialised. */
function setVersion(
  request: CreateFeatureSetRequest,
  checked: SetColumns,
  made: {
    name: string;
    number: number;
    source: FeatureSetVersion['source'];
    materialised: DatasetVersion;
    tiedRows: number;
  },
): FeatureSetVersion {
  const ttl = parseTtl(request.ttl, 'The ttl');
  return {
    name: made.name,
    version: made.number,
    description: request.description ?? '',
    owner: request.owner ?? '',
    tags: request.tags ?? [],
    entity: checked.entity.map((e) => e.name),
    timeColumn: checked.time.name,
    ttl: ttl.text,
    ttlSeconds: ttl.seconds,
    features: checked.features.map((f) => ({ name: f.name, type: f.type })),
    recipe: request.recipe ?? null,
    source: made.source,
    materialised: {
      version: made.materialised.id,
      label: versionViewName(made.materialised.dataset, made.materialised.number),
    },
    rows: made.materialised.rows,
    tiedRows: made.tiedRows,
    createdAt: new Date().toISOString(),
  };
}

export async function runCreateFeatureSet(
  ctx: JobContext,
  deps: ImportDeps,
  request: CreateFeatureSetRequest,
): Promise<FeatureSetVersion> {
  const started = Date.now();
  // Checked before any work: a bad ttl is refused at once.
  parseTtl(request.ttl, 'The ttl');
  const probe = await deps.connect();
  let source: DatasetVersion;
  let name: string;
  try {
    source = await resolveVersion(probe, request.dataset);
    name = (await findSetName(probe, request.name.trim())) ?? request.name.trim();
  } finally {
    deps.release(probe);
  }
  const sourceLabel = versionViewName(source.dataset, source.number);
  const userRecipe: Recipe = request.recipe ?? { steps: [] };
  const { recorded } = await deriveRecordedVersion(
    ctx,
    deps,
    materialisedDatasetName(name),
    async (c, table) => {
      ctx.progress({ stage: 'Checking the feature steps', fraction: 0.05 });
      const before = await compileOver(c, source, userRecipe);
      const produced = before.steps.at(-1)?.columns ?? before.sourceColumns;
      const where = userRecipe.steps.length > 0 ? `${sourceLabel} after the recipe` : sourceLabel;
      const checked = checkSetColumns(produced, request, where);
      const kept = [...checked.entity, checked.time, ...checked.features].map((col) => col.name);
      const recipe: Recipe = { steps: [...userRecipe.steps, { op: 'select_columns', columns: kept }] };
      const compiled = await compileOver(c, source, recipe);
      ctx.throwIfCancelled();
      ctx.progress({ stage: 'Materialising the features', fraction: null });
      // As in applying a recipe: when every step keeps rows in place, DuckDB writes them in
      // order by itself (docs/architecture.md, "Inside the clean capability").
      const inOrder = (await insertionOrderKept(c)) && compiled.steps.every((s) => s.shape.inPlace);
      const staging = quoteIdentifier('__assay_set_rows');
      await c.run(
        `CREATE TEMP TABLE ${staging} AS ${resultSelect(compiled.ctes, compiled.steps.length, false, inOrder)}`,
      );
      ctx.progress({ stage: 'Keeping the last of tied rows', fraction: 0.8 });
      const keys = [...checked.entity.map((e) => e.name), checked.time.name];
      const ties = await dropTiedRows(c, staging, keys);
      ctx.throwIfCancelled();
      ctx.progress({ stage: 'Storing the rows by entity and time', fraction: 0.9 });
      await writeSorted(c, staging, table, keys);
      return {
        lineage: {
          kind: 'recipe',
          parent: source.id,
          recipe,
          fit: 'recompute',
          fitted: compiled.fitted,
          durationMs: Date.now() - started,
        },
        record: async (connection, materialised) => {
          const version = setVersion(request, checked, {
            name,
            number: await nextSetVersion(connection, name),
            source: { version: source.id, label: sourceLabel },
            materialised,
            tiedRows: ties,
          });
          await insertSetVersion(connection, version);
          return version;
        },
      };
    },
  );
  ctx.finalStage(`Recorded ${recorded.name}@${recorded.version} (${recorded.materialised.label})`);
  return recorded;
}
