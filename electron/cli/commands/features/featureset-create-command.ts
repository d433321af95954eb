/**
 * `assay featureset create NAME --dataset D[@V] --entity COL[,COL] --time COL
 * [--features a,b,c] [--recipe FILE] [--ttl DURATION]`: runs the `featureSets.create` job
 * (the same as the Features view's) and prints the set's new version.
 */
import type { Command } from 'commander';
import type { CreateFeatureSetRequest, FeatureSetVersion } from '../../../../shared/features/feature-sets';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { loadRecipe } from '../clean/recipe-source';

interface CreateFlags {
  dataset?: string;
  entity?: string;
  time?: string;
  features?: string;
  recipe?: string;
  ttl?: string;
  description?: string;
  owner?: string;
  tags?: string;
}

/** "a,b, c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function required(value: string | undefined, flag: string, what: string): string {
  if (!value) throw new UsageError(`Name ${what} with ${flag}.`);
  return value;
}

function createText(v: FeatureSetVersion): string {
  return [
    `${v.name}@${v.version}`,
    `  ${v.rows} rows in ${v.materialised.label} (from ${v.source.label})`,
    `  entity ${v.entity.join(', ')}; time ${v.timeColumn}; ttl ${v.ttl ?? 'none'}`,
    `  features ${v.features.map((f) => f.name).join(', ')}`,
    ...(v.tiedRows > 0
      ? [
          `  ${v.tiedRows} row(s) share an entity and a time with an earlier row: a join takes the last recorded`,
        ]
      : []),
  ].join('\n');
}

export function registerFeaturesetCreate(featureset: Command, globals: () => GlobalOptions): void {
  featureset
    .command('create')
    .description("Record a feature set's next version: its features materialised as a dataset version.")
    .argument('<name>', 'the set name (letters, digits, _)')
    .option('--dataset <dataset>', 'the source DATASET or DATASET@VERSION (needed)')
    .option('--entity <columns>', 'the entity key column(s), comma-separated (needed)')
    .option('--time <column>', 'the event-time column (needed)')
    .option('--features <columns>', 'the feature columns, comma-separated (default: every other column)')
    .option('--recipe <recipe>', 'feature steps to apply first: a recipe JSON file or a saved recipe')
    .option('--ttl <duration>', 'how old a value may be and still join, e.g. 30d, 12h, 90m (default: none)')
    .option('--description <text>', 'what the set holds')
    .option('--owner <name>', 'who looks after it')
    .option('--tags <tags>', 'comma-separated tags')
    .action(async (name: string, flags: CreateFlags) => {
      const request: CreateFeatureSetRequest = {
        name,
        dataset: required(flags.dataset, '--dataset DATASET[@VERSION]', 'the source dataset'),
        entity: splitList(required(flags.entity, '--entity COL[,COL]', 'the entity column(s)')),
        timeColumn: required(flags.time, '--time COL', 'the event-time column'),
        ...(flags.features ? { features: splitList(flags.features) } : {}),
        ...(flags.ttl ? { ttl: flags.ttl } : {}),
        ...(flags.description ? { description: flags.description } : {}),
        ...(flags.owner ? { owner: flags.owner } : {}),
        ...(flags.tags ? { tags: splitList(flags.tags) } : {}),
      };
      const version = await withClient(globals(), async (client) => {
        if (flags.recipe) request.recipe = (await loadRecipe(client, flags.recipe)).recipe;
        return runCliJob(client, 'featureSets.create', request);
      });
      emit(globals(), version, createText);
    });
}
