/**
 * Which runs trained on a feature set, and which bundles were exported from them: read
 * from the `featureSets` each run recorded (its training version's sets, see
 * feature-set-store.ts) and from the bundles table (docs/architecture.md, "Inside the
 * features capability").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureSetRef, FeatureSetUsage } from '../../../../shared/features/feature-sets';

export async function featureSetUsage(
  connection: DuckDBConnection,
  name: string,
  version?: number,
): Promise<FeatureSetUsage> {
  const reader = await connection.runAndReadAll(
    `SELECT r.id, r.experiment, r.algorithm, r.status, coalesce(d.name, r.dataset_name) AS dataset, r.version_number,
            json_extract(r.detail, '$.featureSets')::VARCHAR AS sets, epoch_ms(r.created_at) AS created_ms
       FROM assay.runs r LEFT JOIN assay.datasets d ON d.id = r.dataset_id
      WHERE json_extract(r.detail, '$.featureSets') IS NOT NULL ORDER BY r.created_at DESC`,
  );
  const runs: FeatureSetUsage['runs'] = [];
  for (const row of reader.getRowObjectsJS()) {
    const sets = JSON.parse(String(row.sets)) as FeatureSetRef[] | null;
    for (const set of sets ?? []) {
      if (set.name.toLowerCase() !== name.toLowerCase()) continue;
      if (version !== undefined && set.version !== version) continue;
      runs.push({
        runId: String(row.id),
        experiment: String(row.experiment),
        algorithm: String(row.algorithm),
        status: String(row.status),
        versionLabel: `${String(row.dataset)}@${Number(row.version_number)}`,
        featureSet: set,
        createdAt: new Date(Number(row.created_ms)).toISOString(),
      });
    }
  }
  if (runs.length === 0) return { runs, bundles: [] };
  const ids = runs.map((r) => r.runId);
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
  const bundles = await connection.runAndReadAll(
    `SELECT model, version, run_id FROM assay.model_versions WHERE run_id IN (${placeholders}) ORDER BY model, version`,
    ids,
  );
  return {
    runs,
    bundles: bundles.getRowObjectsJS().flatMap((row) =>
      runs
        .filter((r) => r.runId === String(row.run_id))
        .map((r) => ({
          model: String(row.model),
          version: String(row.version),
          runId: r.runId,
          featureSet: r.featureSet,
        })),
    ),
  };
}
