/**
 * `assay featureset …`: feature sets without the Features view (docs/architecture.md,
 * "Inside the features capability"). `create` records a set's next version
 * (featureset-create-command.ts), `join` builds a training table as of each label's time
 * (featureset-join-command.ts); `list` and `usage` read what the workspace holds.
 */
import type { Command } from 'commander';
import type { FeatureSetSummary, FeatureSetUsage } from '../../../../shared/features/feature-sets';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';
import { registerFeaturesetCreate } from './featureset-create-command';
import { registerFeaturesetJoin, setReference } from './featureset-join-command';

export function registerFeatureset(program: Command, globals: () => GlobalOptions): void {
  const featureset = program
    .command('featureset')
    .description(
      'Feature sets: versioned feature definitions over an entity and a time, and point-in-time joins.',
    );
  registerFeaturesetCreate(featureset, globals);
  registerList(featureset, globals);
  registerFeaturesetJoin(featureset, globals);
  registerUsage(featureset, globals);
}

/** The first four features, then how many in all. */
function featureNames(names: string[]): string {
  return names.length > 4 ? `${names.slice(0, 4).join(',')},… (${names.length})` : names.join(',');
}

function listText(sets: FeatureSetSummary[]): string {
  if (sets.length === 0)
    return 'No feature sets yet (assay featureset create NAME --dataset D --entity COL --time COL).';
  return tableLines(
    ['set', 'versions', 'entity', 'time', 'ttl', 'features', 'rows', 'source', 'materialised', 'owner'],
    sets.map(({ name, versions, latest: v }) => [
      `${name}@${v.version}`,
      String(versions.length),
      v.entity.join(','),
      v.timeColumn,
      v.ttl ?? 'none',
      featureNames(v.features.map((f) => f.name)),
      String(v.rows),
      v.source.label,
      v.materialised.label,
      v.owner,
    ]),
  ).join('\n');
}

function registerList(featureset: Command, globals: () => GlobalOptions): void {
  featureset
    .command('list')
    .description('List the feature sets with their latest version.')
    .action(async () => {
      const sets = await withClient(globals(), (client) => client.call('featureSets.list', {}));
      emit(globals(), sets, listText);
    });
}

function usageText(usage: FeatureSetUsage): string {
  if (usage.runs.length === 0) return 'No run has trained on this feature set yet.';
  const runs = tableLines(
    ['run', 'set', 'trained on', 'algorithm', 'status'],
    usage.runs.map((r) => [
      r.runId,
      `${r.featureSet.name}@${r.featureSet.version}`,
      r.versionLabel,
      r.algorithm,
      r.status,
    ]),
  );
  const bundles = usage.bundles.map((b) => `bundle ${b.model} ${b.version} (run ${b.runId})`);
  return [...runs, ...bundles].join('\n');
}

function registerUsage(featureset: Command, globals: () => GlobalOptions): void {
  featureset
    .command('usage')
    .description('List the runs (and their bundles) that trained on a feature set.')
    .argument('<set>', 'SET (every version) or SET@VERSION')
    .action(async (arg: string) => {
      const { name, version } = setReference(arg);
      const usage = await withClient(globals(), (client) =>
        client.call('featureSets.usage', { name, ...(version === undefined ? {} : { version }) }),
      );
      emit(globals(), usage, usageText);
    });
}
