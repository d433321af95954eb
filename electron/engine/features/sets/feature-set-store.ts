/**
 * The feature sets table (`assay.feature_sets`, migration 8): one row per version of a
 * set, never updated, and `assay.feature_joins`, which records the set versions a
 * point-in-time join's output was built from (docs/architecture.md, "Inside the features
 * capability"). Functions take the connection to use, so a set's version is recorded in
 * the same transaction as its materialised dataset version.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../../../../shared/errors';
import type {
  FeatureSetRef,
  FeatureSetSummary,
  FeatureSetVersion,
} from '../../../../shared/features/feature-sets';

/** What the `definition` column holds: the version less its keys and timestamps. */
type StoredDefinition = Omit<FeatureSetVersion, 'name' | 'version' | 'createdAt'>;

async function rows(
  connection: DuckDBConnection,
  sql: string,
  values: Array<string | number> = [],
): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql, values)).getRowObjectsJS() as Record<string, unknown>[];
}

// Labels are read through the dataset tables so a renamed dataset shows its new name;
// the stored label stays when the dataset was deleted.
const SELECT = `SELECT f.name, f.version, f.definition::VARCHAR AS definition, epoch_ms(f.created_at) AS created_ms,
    sd.name || '@' || sv.number AS source_label, md.name || '@' || mv.number AS materialised_label
  FROM assay.feature_sets f
  LEFT JOIN assay.dataset_versions sv ON sv.id = f.source_version_id
  LEFT JOIN assay.datasets sd ON sd.id = sv.dataset_id
  LEFT JOIN assay.dataset_versions mv ON mv.id = f.materialised_version_id
  LEFT JOIN assay.datasets md ON md.id = mv.dataset_id`;

function toVersion(row: Record<string, unknown>): FeatureSetVersion {
  const stored = JSON.parse(String(row.definition)) as StoredDefinition;
  return {
    name: String(row.name),
    version: Number(row.version),
    ...stored,
    source: { ...stored.source, label: (row.source_label as string | null) ?? stored.source.label },
    materialised: {
      ...stored.materialised,
      label: (row.materialised_label as string | null) ?? stored.materialised.label,
    },
    createdAt: new Date(Number(row.created_ms)).toISOString(),
  };
}

/** The set's name as recorded (names compare case-insensitively), or null. */
export async function findSetName(connection: DuckDBConnection, name: string): Promise<string | null> {
  const [row] = await rows(
    connection,
    'SELECT name FROM assay.feature_sets WHERE lower(name) = lower($1) LIMIT 1',
    [name],
  );
  return row ? String(row.name) : null;
}

export async function nextSetVersion(connection: DuckDBConnection, name: string): Promise<number> {
  const [row] = await rows(
    connection,
    'SELECT coalesce(max(version), 0) + 1 AS n FROM assay.feature_sets WHERE lower(name) = lower($1)',
    [name],
  );
  return Number(row?.n ?? 1);
}

export async function insertSetVersion(
  connection: DuckDBConnection,
  version: FeatureSetVersion,
): Promise<void> {
  const { name, version: number, createdAt: _created, ...definition } = version;
  await connection.run(
    `INSERT INTO assay.feature_sets (name, version, definition, source_version_id, materialised_version_id)
     VALUES ($1, $2, $3::JSON, $4, $5)`,
    [name, number, JSON.stringify(definition), version.source.version, version.materialised.version],
  );
}

export async function setVersions(connection: DuckDBConnection, name: string): Promise<FeatureSetVersion[]> {
  const found = await rows(connection, `${SELECT} WHERE lower(f.name) = lower($1) ORDER BY f.version`, [
    name,
  ]);
  if (found.length === 0) {
    throw new ApiError(
      'NOT_FOUND',
      `There is no feature set named "${name}"; list them with \`assay featureset list\`.`,
    );
  }
  return found.map(toVersion);
}

/** One version of a set; the latest when `version` is undefined. */
export async function getSetVersion(
  connection: DuckDBConnection,
  name: string,
  version?: number,
): Promise<FeatureSetVersion> {
  const versions = await setVersions(connection, name);
  const chosen = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  if (!chosen) {
    const numbers = versions.map((v) => v.version).join(', ');
    throw new ApiError(
      'NOT_FOUND',
      `Feature set "${versions[0]!.name}" has no version ${version}; its versions are ${numbers}.`,
    );
  }
  return chosen;
}

export async function listSets(connection: DuckDBConnection): Promise<FeatureSetSummary[]> {
  const found = (await rows(connection, `${SELECT} ORDER BY lower(f.name), f.version`)).map(toVersion);
  const byName = new Map<string, FeatureSetSummary>();
  for (const version of found) {
    const summary = byName.get(version.name) ?? { name: version.name, versions: [], latest: version };
    summary.versions.push(version.version);
    summary.latest = version;
    byName.set(version.name, summary);
  }
  return [...byName.values()];
}

export async function recordJoin(
  connection: DuckDBConnection,
  outputVersionId: string,
  labelsVersionId: string,
  sets: FeatureSetRef[],
): Promise<void> {
  await connection.run(
    'INSERT INTO assay.feature_joins (version_id, labels_version_id, sets) VALUES ($1, $2, $3::JSON)',
    [outputVersionId, labelsVersionId, JSON.stringify(sets)],
  );
}

/**
 * The feature-set versions a dataset version holds: the set it materialises, or the sets a
 * point-in-time join built it from. A run trained on the version records these.
 */
export async function featureSetsOfVersion(
  connection: DuckDBConnection,
  versionId: string,
): Promise<FeatureSetRef[]> {
  const own = await rows(
    connection,
    'SELECT name, version FROM assay.feature_sets WHERE materialised_version_id = $1 ORDER BY name, version',
    [versionId],
  );
  const [joined] = await rows(
    connection,
    'SELECT sets::VARCHAR AS sets FROM assay.feature_joins WHERE version_id = $1',
    [versionId],
  );
  const fromJoin = joined ? (JSON.parse(String(joined.sets)) as FeatureSetRef[]) : [];
  return [...own.map((r) => ({ name: String(r.name), version: Number(r.version) })), ...fromJoin];
}
