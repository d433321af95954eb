/**
 * What a bundle carries about the feature sets its run trained on: every set version's full
 * definition (entity, time, ttl, features with types, the feature steps and where they were
 * computed from), so production can compute the same features (docs/architecture.md,
 * "Inside the features capability"). Written as `features/feature-sets.json`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureSetRef, FeatureSetVersion } from '../../../../shared/features/feature-sets';
import { getSetVersion } from './feature-set-store';

export const FEATURE_SETS_FILE = 'features/feature-sets.json';

export interface FeatureSetsFile {
  format: 'assay-feature-sets/1';
  featureSets: FeatureSetVersion[];
}

/** The file's content for `refs`; null when the run used no feature set. */
export async function featureSetsFile(
  connection: DuckDBConnection,
  refs: readonly FeatureSetRef[],
): Promise<FeatureSetsFile | null> {
  if (refs.length === 0) return null;
  const featureSets: FeatureSetVersion[] = [];
  for (const ref of refs) featureSets.push(await getSetVersion(connection, ref.name, ref.version));
  return { format: 'assay-feature-sets/1', featureSets };
}
