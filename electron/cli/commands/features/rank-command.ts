/**
 * `assay features rank DATASET[@VERSION] --target COL`: every column scored against a
 * target — mutual information, the univariate test and its p-value, correlation, gain
 * ratio, importance from a quick boosting fit — and redundant columns named
 * (docs/architecture.md, "Inside the features capability"). A table for people, the
 * whole ranking with `--json`.
 */
import type { Command } from 'commander';
import type { FeatureRankRequest, FeatureRanking, FeatureScore } from '../../../../shared/features/ranking';
import { formatCount, formatStat } from '../../../../shared/format';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';

interface Flags {
  target: string;
  columns?: string;
}

/** `assay features`, created by whichever features command registers first. */
export function featuresCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'features') ??
    program.command('features').description('Features: rank columns against a target.')
  );
}

export function registerFeaturesRank(program: Command, globals: () => GlobalOptions): void {
  featuresCommand(program)
    .command('rank')
    .description('Rank the columns of a dataset version against a target, and name redundant ones.')
    .argument('<dataset>', 'DATASET (its latest version) or DATASET@VERSION')
    .requiredOption('--target <column>', 'the column to rank every other column against')
    .option('--columns <names>', 'only these columns, comma-separated (default: every other column)')
    .action(async (dataset: string, flags: Flags) => {
      const request = rankRequest(dataset, flags);
      const ranking = await withClient(globals(), (client) => runCliJob(client, 'features.rank', request));
      emit(globals(), ranking, rankingText);
    });
}

export function rankRequest(reference: string, flags: Flags): FeatureRankRequest {
  const at = /^(.*)@(\d+)$/.exec(reference);
  const columns = flags.columns
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (flags.columns !== undefined && columns?.length === 0) {
    throw new UsageError('--columns takes column names separated by commas, such as --columns age,income.');
  }
  return {
    dataset: at ? at[1]! : reference,
    ...(at ? { version: Number(at[2]) } : {}),
    target: flags.target,
    ...(columns ? { columns } : {}),
  };
}

function testText(f: FeatureScore): string {
  const name = { anova_f: 'F', chi2: 'χ²', f_regression: 'F' }[f.test.name];
  const p =
    f.test.pValue === null
      ? '–'
      : f.test.pValue < 1e-4
        ? f.test.pValue.toExponential(1)
        : f.test.pValue.toFixed(4);
  return `${name} ${f.test.statistic === null ? (f.test.pValue === 0 ? '∞' : '–') : formatStat(f.test.statistic)}  p ${p}`;
}

export function rankingText(r: FeatureRanking): string {
  const rows = r.features.map((f) => [
    String(f.rank),
    f.column,
    f.kind,
    f.mutualInformation.toFixed(4),
    testText(f),
    f.correlation === null
      ? '–'
      : `${f.correlation.toFixed(3)} ${f.correlationKind === 'pearson' ? 'r' : f.correlationKind === 'eta' ? 'η' : 'V'}`,
    f.gainRatio.toFixed(4),
    `${(100 * f.importance).toFixed(1)}%`,
    f.redundantWith ? `~ ${f.redundantWith.column} (${f.redundantWith.correlation.toFixed(3)})` : '',
  ]);
  const head =
    `${r.dataset}@${r.version} against ${r.target} (${r.task}): ${r.features.length} features, ` +
    `${formatCount(r.rows)} rows, sample ${formatCount(r.sampledRows)}, in ${r.seconds.toFixed(2)} s`;
  const table = tableLines(
    [
      'rank',
      'column',
      'kind',
      'MI (nats)',
      'test',
      'correlation',
      'gain ratio',
      'importance',
      'redundant with',
    ],
    rows,
    { align: (i) => (i === 0 || i === 3 || i === 6 || i === 7 ? 'right' : 'left'), maxWidth: 40 },
  );
  const notes = [
    `MI and gain ratio on ${r.bins} equal-frequency bins of the sample; numeric tests on every row; ` +
      `importance from ${r.boosting.trees} trees of depth ${r.boosting.depth} on ${formatCount(r.boostingRows)} rows; ` +
      `redundant at |r| ≥ ${r.redundancyThreshold}.`,
    ...r.skipped.map((s) => `Skipped ${s.column}: ${s.reason}.`),
  ];
  return [head, '', ...table, '', ...notes].join('\n');
}
