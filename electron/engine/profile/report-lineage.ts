/**
 * The HTML report's heading for one dataset version: its title and one line of lineage,
 * naming versions as people know them (`dataset@N`), never by their internal ids. Parent
 * versions are looked up through `nameOf`; one that no longer exists reads as such.
 */
import type { DatasetVersion, Lineage } from '../../../shared/datasets';
import { formatBytes, formatCount } from '../../../shared/format';
import type { ReportHeading } from './render-profile-html';

/** `dataset@N` of a version id, or null when it cannot be found. */
export type VersionNamer = (versionId: string) => Promise<string | null>;

export async function reportHeading(version: DatasetVersion, nameOf: VersionNamer): Promise<ReportHeading> {
  const name = `${version.dataset}@${version.number}`;
  const size = `${formatCount(version.rows)} rows × ${formatCount(version.columns.length)} columns`;
  return {
    title: `Profile of ${name}`,
    lineage: `${name}: ${size}, ${await describeLineage(version.lineage, nameOf)}.`,
  };
}

async function describeLineage(lineage: Lineage, nameOf: VersionNamer): Promise<string> {
  const named = async (id: string): Promise<string> => (await nameOf(id)) ?? 'a version since deleted';
  switch (lineage.kind) {
    case 'import': {
      const files = lineage.sources.map(
        (s) => `${s.path} (${formatBytes(s.sizeBytes)}, sha256 ${s.fingerprint.slice(0, 12)}…)`,
      );
      return `imported from ${files.join(', ')} as ${lineage.format.toUpperCase()}`;
    }
    case 'sql': {
      const parents = await Promise.all(lineage.parents.map(named));
      return parents.length ? `made by SQL from ${parents.join(', ')}` : 'made by SQL';
    }
    case 'retype': {
      const changes = Object.entries(lineage.changes).map(([column, type]) => `${column} → ${type}`);
      return `retyped from ${await named(lineage.parent)} (${changes.join(', ')})`;
    }
    case 'recipe': {
      const recipe = lineage.recipeName ? ` ${lineage.recipeName}@${lineage.recipeNumber ?? '?'}` : '';
      const steps = `${lineage.recipe.steps.length} step${lineage.recipe.steps.length === 1 ? '' : 's'}`;
      return `cleaned from ${await named(lineage.parent)} by the recipe${recipe} (${steps})`;
    }
  }
}
