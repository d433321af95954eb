/** `assay export-data DATASET[@VERSION] --out FILE`: a version to CSV or Parquet. */
import path from 'node:path';
import type { Command } from 'commander';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';

export function registerExportData(program: Command, globals: () => GlobalOptions): void {
  program
    .command('export-data')
    .description('Write a dataset version to a CSV or Parquet file.')
    .argument('<dataset>', 'DATASET (its latest version) or DATASET@VERSION')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', 'csv or parquet (default: from the extension of --out)')
    .action(async (dataset: string, flags: { out: string; format?: string }) => {
      const format =
        flags.format ??
        (/\.(parquet|pq)$/i.test(flags.out) ? 'parquet' : /\.csv$/i.test(flags.out) ? 'csv' : undefined);
      if (format !== 'csv' && format !== 'parquet') {
        throw new UsageError(
          flags.format
            ? `--format must be csv or parquet, not "${flags.format}".`
            : `Cannot tell the format from "${path.basename(flags.out)}"; name it .csv or .parquet, or pass --format.`,
        );
      }
      const result = await withClient(globals(), async (client) => {
        const version = await client.call('datasets.version', { version: dataset });
        const written = await runCliJob(client, 'datasets.export', {
          version: version.id,
          format,
          path: flags.out,
        });
        return { dataset: version.dataset, version: version.number, rows: version.rows, format, ...written };
      });
      emit(
        globals(),
        result,
        (r) => `Wrote ${r.rows.toLocaleString('en-US')} rows of ${r.dataset}@${r.version} to ${r.path}`,
      );
    });
}
