/**
 * `featureSets.join` as a job: plans the join (join-plan.ts), writes the training table as
 * a new dataset version with one statement (point-in-time-sql.ts), counts each set's
 * matched label rows from the statement's flags, drops the flags, and records which set
 * versions the version was built from — all in one transaction (deriveRecordedVersion in datasets/version-jobs.ts), so a
 * problem, a failure or a cancel leaves nothing (docs/architecture.md, "Inside the features
 * capability").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureJoinRequest, FeatureJoinResult } from '../../../../shared/features/feature-sets';
import type { ImportDeps } from '../../datasets/importer';
import { versionViewName } from '../../datasets/dataset-store';
import { quoteIdentifier } from '../../db/sql-text';
import type { JobContext } from '../../jobs/job-manager';
import { deriveRecordedVersion } from '../../datasets/version-jobs';
import { recordJoin } from '../sets/feature-set-store';
import { type JoinPlan, planJoin } from './join-plan';
import { matchedFlag, pointInTimeSql } from './point-in-time-sql';

async function matchedCounts(connection: DuckDBConnection, table: string, sets: number): Promise<number[]> {
  if (sets === 0) return [];
  const counts = Array.from(
    { length: sets },
    (_, i) => `count(*) FILTER (WHERE ${quoteIdentifier(matchedFlag(i))})`,
  );
  const row =
    (await connection.runAndReadAll(`SELECT ${counts.join(', ')} FROM ${table}`)).getRowsJS()[0] ?? [];
  return counts.map((_, i) => Number(row[i] ?? 0));
}

export async function runFeatureJoin(
  ctx: JobContext,
  deps: ImportDeps,
  request: FeatureJoinRequest,
): Promise<FeatureJoinResult> {
  const started = Date.now();
  const probe = await deps.connect();
  let plan: JoinPlan;
  try {
    plan = await planJoin(probe, request);
  } finally {
    deps.release(probe);
  }
  const sql = pointInTimeSql(plan.labelsSide, plan.sides);
  let matched: number[] = [];
  const { version } = await deriveRecordedVersion(ctx, deps, request.name, async (c, table) => {
    ctx.progress({ stage: `Joining ${plan.sets.length} feature set(s) as of each label`, fraction: null });
    await c.run(`CREATE TABLE ${table} AS ${sql}`);
    ctx.throwIfCancelled();
    ctx.progress({ stage: 'Counting matches', fraction: 0.9 });
    matched = await matchedCounts(c, table, plan.sides.length);
    for (let i = 0; i < plan.sides.length; i += 1) {
      await c.run(`ALTER TABLE ${table} DROP COLUMN ${quoteIdentifier(matchedFlag(i))}`);
    }
    return {
      lineage: {
        kind: 'sql',
        sql,
        parents: [plan.labels.id, ...plan.sides.map((_, i) => plan.sets[i]!.materialised.version)],
        durationMs: Date.now() - started,
      },
      record: async (connection, output) =>
        recordJoin(
          connection,
          output.id,
          plan.labels.id,
          plan.sets.map((s) => ({ name: s.name, version: s.version })),
        ),
    };
  });
  return {
    version: version.id,
    label: versionViewName(version.dataset, version.number),
    rows: version.rows,
    columns: version.columns.length,
    sets: plan.sets.map((set, i) => ({
      name: set.name,
      version: set.version,
      ttlSeconds: plan.sides[i]!.ttlSeconds,
      matchedRows: matched[i] ?? 0,
      matchedShare: version.rows === 0 ? 0 : (matched[i] ?? 0) / version.rows,
      columns: plan.sides[i]!.features.map((f) => f.output),
    })),
    durationMs: Date.now() - started,
  };
}
