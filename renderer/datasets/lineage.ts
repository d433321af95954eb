/**
 * A version's lineage in one line for people. Parents are named `dataset@N`, never by
 * their internal ids; the caller resolves ids to labels (see use-version-labels.ts).
 */
import type { DatasetVersion, Lineage } from '../../shared/datasets';
import { formatBytes, formatDuration } from '../shell/format';

/** The version ids a lineage refers to. */
export function lineageParents(lineage: Lineage): string[] {
  if (lineage.kind === 'retype' || lineage.kind === 'recipe') return [lineage.parent];
  if (lineage.kind === 'sql') return lineage.parents;
  return [];
}

/** `labelOf` answers `dataset@N` for a parent id, or null while it is unknown. */
export function describeLineage(version: DatasetVersion, labelOf: (id: string) => string | null): string {
  const lineage = version.lineage;
  const when = new Date(version.createdAt).toLocaleString();
  const parent = (id: string) => labelOf(id) ?? 'an earlier version';
  switch (lineage.kind) {
    case 'import':
      return `Imported ${when} from ${lineage.sources.map((s) => `${s.path} (${formatBytes(s.sizeBytes)}, sha256 ${s.fingerprint.slice(0, 12)}…)`).join(', ')} as ${lineage.format.toUpperCase()} in ${formatDuration(lineage.durationMs)}.`;
    case 'sql': {
      const over = lineage.parents.length > 0 ? ` over ${lineage.parents.map(parent).join(', ')}` : '';
      return `Saved ${when} from SQL${over}: ${lineage.sql.replace(/\s+/g, ' ').slice(0, 200)}`;
    }
    case 'retype':
      return `Retyped ${when} from ${parent(lineage.parent)}: ${Object.entries(lineage.changes)
        .map(([c, t]) => `${c} → ${t}`)
        .join(', ')}.`;
    case 'recipe': {
      const name = lineage.recipeName ? ` ${lineage.recipeName}@${lineage.recipeNumber ?? '?'}` : '';
      const steps = `${lineage.recipe.steps.length} step${lineage.recipe.steps.length === 1 ? '' : 's'}`;
      return `Cleaned ${when} from ${parent(lineage.parent)} by the recipe${name} (${steps}, statistics ${lineage.fit === 'reuse' ? 'reused' : 'recomputed'}) in ${formatDuration(lineage.durationMs)}.`;
    }
  }
}
