/** `assay runs [RUN]`: the runs table, newest first, or one run's full record. */
import type { Command } from 'commander';
import { formatMetric } from '../../../../shared/metrics';
import type { RunSummary } from '../../../../shared/training';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';

interface RunsFlags {
  experiment?: string;
  dataset?: string;
}

export function registerRuns(program: Command, globals: () => GlobalOptions): void {
  program
    .command('runs')
    .description('List the training runs (newest first), or show one run in full.')
    .argument('[run]', 'a run id: print its full record')
    .option('--experiment <name>', 'only the runs of this experiment')
    .option('--dataset <name>', 'only the runs on this dataset')
    .action(async (runId: string | undefined, flags: RunsFlags) => {
      if (runId) {
        const run = await withClient(globals(), (client) => client.call('runs.get', { runId }));
        emit(globals(), run, (r) => JSON.stringify(r, null, 2));
        return;
      }
      const runs = await withClient(globals(), (client) =>
        client.call('runs.list', {
          ...(flags.experiment ? { experiment: flags.experiment } : {}),
          ...(flags.dataset ? { dataset: flags.dataset } : {}),
        }),
      );
      emit(globals(), runs.map(runRow), () => table(runs));
    });
}

function runRow(r: RunSummary) {
  return {
    run: r.id,
    experiment: r.experiment,
    dataset: r.versionLabel,
    target: r.target,
    task: r.task,
    algo: r.algorithm,
    status: r.status,
    metrics: r.metrics,
    primary_metric: r.primaryMetric,
    fit_seconds: r.fitSeconds ?? null,
    backend: r.backend ?? null,
    seed: r.seed,
    created_at: r.createdAt,
    ...(r.error ? { error: r.error } : {}),
  };
}

function table(runs: RunSummary[]): string {
  if (runs.length === 0) return 'No runs yet; train one with `assay train DATASET --target COLUMN`.';
  const header = ['RUN', 'ALGORITHM', 'DATASET', 'TARGET', 'STATUS', 'METRIC', 'FIT', 'CREATED'];
  const rows = runs.map((r) => [
    r.id,
    r.algorithm,
    r.versionLabel,
    r.target,
    r.status,
    r.status === 'succeeded'
      ? `${r.primaryMetric} ${formatMetric(r.primaryMetric, r.metrics[r.primaryMetric])}`
      : (r.error ?? '').slice(0, 40),
    r.fitSeconds === undefined ? '—' : `${r.fitSeconds.toFixed(2)} s`,
    r.createdAt.slice(0, 19).replace('T', ' '),
  ]);
  return tableLines(header, rows).join('\n');
}
