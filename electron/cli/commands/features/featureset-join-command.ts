/**
 * `assay featureset join --labels DATASET[@V] --entity COL --time COL SET[@V]... --out NAME`:
 * the point-in-time join as the `featureSets.join` job; prints the training table's rows,
 * columns and the share of label rows each set matched (docs/architecture.md, "Inside the
 * features capability").
 */
import type { Command } from 'commander';
import type { FeatureJoinResult, JoinSetRequest } from '../../../../shared/features/feature-sets';
import { formatCount } from '../../../../shared/format';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';
import { splitList } from './featureset-create-command';

interface JoinFlags {
  labels?: string;
  entity?: string;
  time?: string;
  out?: string;
  ttl?: string[];
  prefix?: boolean;
}

/** "name@3" → { name, version: 3 }; "name" → its latest version. */
export function setReference(arg: string): { name: string; version?: number } {
  const at = /^(.*)@(\d+)$/.exec(arg);
  return at ? { name: at[1]!, version: Number(at[2]) } : { name: arg };
}

/** "--ttl users=7d" → users: "7d" (for the set named before "="). */
function ttlOverrides(values: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--ttl takes SET=DURATION (like users=7d or users=none), not "${value}".`);
    found.set(value.slice(0, at), value.slice(at + 1));
  }
  return found;
}

function joinText(result: FeatureJoinResult): string {
  const head = `${result.label}: ${formatCount(result.rows)} rows, ${result.columns} columns (${(result.durationMs / 1000).toFixed(2)} s)`;
  const sets = tableLines(
    ['set', 'ttl', 'matched', 'share'],
    result.sets.map((s) => [
      `${s.name}@${s.version}`,
      s.ttlSeconds === null ? 'none' : `${s.ttlSeconds} s`,
      formatCount(s.matchedRows),
      `${(s.matchedShare * 100).toFixed(1)}%`,
    ]),
    { indent: '  ', align: (i) => (i >= 2 ? 'right' : 'left') },
  );
  return [head, ...sets].join('\n');
}

export function registerFeaturesetJoin(featureset: Command, globals: () => GlobalOptions): void {
  featureset
    .command('join')
    .description(
      'Build a training table: for each label row, the latest feature values at or before its time.',
    )
    .argument('<sets...>', 'feature sets as SET (latest version) or SET@VERSION')
    .option('--labels <dataset>', 'the label table, DATASET or DATASET@VERSION (needed)')
    .option(
      '--entity <columns>',
      "the labels' entity column(s), comma-separated, in each set's key order (needed)",
    )
    .option('--time <column>', "the labels' time column (needed)")
    .option('--out <name>', 'the dataset the training table is saved to (needed)')
    .option(
      '--ttl <set=duration>',
      "override a set's ttl, e.g. users=7d or users=none (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--prefix', 'name feature columns <set>__<feature>')
    .action(async (args: string[], flags: JoinFlags) => {
      const missing = (['labels', 'entity', 'time', 'out'] as const).filter((f) => !flags[f]);
      if (missing.length > 0)
        throw new UsageError(`Give ${missing.map((m) => `--${m}`).join(', ')} to join.`);
      const ttl = ttlOverrides(flags.ttl ?? []);
      const sets: JoinSetRequest[] = args.map((arg) => {
        const ref = setReference(arg);
        const override = ttl.get(ref.name);
        ttl.delete(ref.name);
        return { ...ref, ...(override === undefined ? {} : { ttl: override }) };
      });
      if (ttl.size > 0)
        throw new UsageError(`--ttl names ${[...ttl.keys()].join(', ')}, which is not joined here.`);
      const result = await withClient(globals(), (client) =>
        runCliJob(client, 'featureSets.join', {
          labels: flags.labels!,
          entity: splitList(flags.entity!),
          timeColumn: flags.time!,
          sets,
          name: flags.out!,
          ...(flags.prefix ? { prefix: true } : {}),
        }),
      );
      emit(globals(), result, joinText);
    });
}
