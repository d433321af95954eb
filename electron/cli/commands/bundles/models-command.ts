/** `assay models`: the workspace's models and their versions, with metrics, run, dataset and digest. */
import type { Command } from 'commander';
import { formatMetric } from '../../../../shared/metrics';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';

export function registerModels(program: Command, globals: () => GlobalOptions): void {
  program
    .command('models')
    .description("List the workspace's models and versions.")
    .action(async () => {
      const models = await withClient(globals(), (client) => client.call('bundles.list', {}));
      emit(globals(), models, (list) =>
        list.length === 0
          ? 'No models yet; export a run with `assay export RUN --out DIR`.'
          : list
              .map((m) =>
                [
                  `${m.name} (${m.task}; next ${m.nextVersion})`,
                  ...m.versions.map(
                    (v) =>
                      `  ${v.version}  ${v.primaryMetric} ${formatMetric(v.primaryMetric, v.metrics[v.primaryMetric])}  run ${v.run}  ${v.dataset}${v.digest ? `  ${v.digest.slice(0, 19)}` : ''}${v.pulled ? '  (pulled)' : ''}`,
                  ),
                ].join('\n'),
              )
              .join('\n'),
      );
    });
}
