/**
 * `assay train DATASET[@VERSION] --target COL`: train one algorithm (or every one suited
 * to the task, ranked) on a dataset version, the same job the Train view starts, and
 * print the run's metrics. Short names: rf, extratrees, linear (logistic or linear
 * regression by task); params use the XGBoost/LightGBM scikit-learn names.
 * `--search grid|random --space KEY=V1,V2` tunes the one algorithm's params instead: the
 * run stored is the best trial, with every trial in its `search`.
 */
import type { Command } from 'commander';
import type { ApiClient } from '../../../../shared/api';
import type { AlgorithmId, AlgorithmInfo, RunDetail } from '../../../../shared/training';
import { runCliJob } from '../../cli-job';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { leaderboard, rankRuns } from './leaderboard';
import { runJson } from './run-json';
import { runSummary } from './run-summary';
import { ALGO_NAMES, parseTrainFlags, type ParsedTrainFlags, type TrainFlags } from './train-flags';
import { trainRequest } from './train-request';

export function registerTrain(program: Command, globals: () => GlobalOptions): void {
  program
    .command('train')
    .description('Train a model (or every algorithm, ranked) on a dataset version and print its metrics.')
    .argument('<dataset>', 'DATASET (its latest version) or DATASET@VERSION')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--task <task>', `binary, multiclass or regression (default: inferred from the target)`)
    .option('--algo <name>', `${ALGO_NAMES}`, 'gbdt')
    .option('--param <key=value>', 'an algorithm parameter, e.g. n_estimators=200 (repeatable)', collect, [])
    .option(
      '--split <scheme>',
      'validation: holdout[:0.2], cv[:5], time:COLUMN[:0.2], group:COLUMN[:0.2] or none',
      'holdout:0.2',
    )
    .option('--seed <n>', 'seed for every random choice (default 42)')
    .option('--features <a,b,c>', 'input columns (default: every other column)')
    .option('--experiment <name>', 'the group of runs (default: "DATASET → TARGET")')
    .option('--search <strategy>', "tune the algorithm's params: grid (every combination) or random")
    .option(
      '--space <key=v1,v2>',
      'with --search, values to try for a param, e.g. max_depth=3,6 or hidden_layers=64x32,32 (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--trials <n>', 'with --search, the most trials to run (random default 20)')
    .option('--seconds <s>', 'with --search, stop starting trials after this many seconds')
    .action(async (dataset: string, flags: TrainFlags) => {
      const parsed = parseTrainFlags(flags);
      const { runs, catalogue } = await withClient(globals(), (client) =>
        train(client, dataset, flags, parsed),
      );
      const labelOf = (id: AlgorithmId): string => catalogue.find((a) => a.id === id)?.label ?? id;
      if (parsed.algo === 'all') {
        const ranked = rankRuns(runs);
        emit(
          globals(),
          ranked.map((r, i) => ({ rank: i + 1, ...runJson(r) })),
          () => leaderboard(ranked, labelOf),
        );
      } else {
        const run = runs[0]!;
        const searched = parsed.search ? Object.keys(parsed.search.space) : [];
        emit(globals(), runJson(run), () => runSummary(run, labelOf, searched));
      }
    });
}

/** Resolves the version, the task and the algorithms through the contract, then runs the job. */
async function train(
  client: ApiClient,
  dataset: string,
  flags: TrainFlags,
  parsed: ParsedTrainFlags,
): Promise<{ runs: RunDetail[]; catalogue: AlgorithmInfo[] }> {
  const catalogue = await client.call('train.catalogue', {});
  const version = await client.call('datasets.version', { version: dataset });
  const task =
    parsed.task ?? (await client.call('train.inspect', { version: version.id, target: flags.target })).task;
  const request = trainRequest(parsed, {
    version: version.id,
    target: flags.target,
    task,
    ...(flags.experiment ? { experiment: flags.experiment } : {}),
    catalogue,
  });
  return { runs: await runCliJob(client, 'train.start', request), catalogue };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
