/**
 * `assay predict RUN INPUT --out FILE`: predictions of a run's saved model for a file
 * (CSV, Parquet, JSON … read like an import, but kept temporary) or a dataset version,
 * written as CSV or Parquet and/or saved as a new dataset version. `assay predict BUNDLE_DIR
 * FILE --out FILE.csv` runs a bundle folder's ONNX graph instead (ONNX Runtime).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';

interface PredictFlags {
  out?: string;
  saveAs?: string;
}

export function registerPredict(program: Command, globals: () => GlobalOptions): void {
  program
    .command('predict')
    .description("Predict with a run's model on a file or a dataset version.")
    .argument('<run>', 'the run id (see `assay runs`), or a bundle folder')
    .argument('<input>', 'a file to predict on, or DATASET[@VERSION]')
    .option('--out <file>', 'write the input rows with their predictions here (.csv or .parquet)')
    .option('--save-as <name>', 'also save them as a new version of this dataset')
    .action(async (runId: string, input: string, flags: PredictFlags) => {
      if (!flags.out && !flags.saveAs) {
        throw new UsageError(
          'Say where the predictions go: --out FILE (.csv or .parquet) and/or --save-as NAME.',
        );
      }
      if (flags.out && !/\.(csv|parquet)$/i.test(flags.out)) {
        throw new UsageError(`--out must name a .csv or .parquet file, not "${flags.out}".`);
      }
      if (fs.existsSync(path.join(runId, 'manifest.json')))
        return predictWithBundle(globals(), runId, input, flags);
      const isFile = fs.existsSync(input) || /[*?[]/.test(input);
      const result = await withClient(globals(), (client) =>
        runCliJob(client, 'runs.predict', {
          runId,
          ...(isFile ? { path: input } : { version: input }),
          ...(flags.out ? { out: flags.out } : {}),
          ...(flags.saveAs ? { saveAs: flags.saveAs } : {}),
        }),
      );
      emit(
        globals(),
        {
          run: runId,
          rows: result.rows,
          columns: result.columns,
          ...(result.out ? { out: result.out } : {}),
          ...(result.dataset ? { dataset: result.dataset } : {}),
        },
        (r) =>
          `Predicted ${r.rows.toLocaleString('en-US')} rows with run ${r.run}` +
          `${r.out ? `; wrote them to ${r.out}` : ''}${r.dataset ? `; saved them as ${r.dataset}` : ''} (columns ${r.columns.join(', ')}).`,
      );
    });
}

async function predictWithBundle(
  options: GlobalOptions,
  bundle: string,
  input: string,
  flags: PredictFlags,
): Promise<void> {
  if (!flags.out || !/\.csv$/i.test(flags.out) || flags.saveAs)
    throw new UsageError(
      'With a bundle folder, say where the predictions go with --out FILE.csv (no --save-as).',
    );
  const out = flags.out;
  const result = await withClient(options, (client) =>
    runCliJob(client, 'bundles.predict', {
      bundle: path.resolve(bundle),
      path: path.resolve(input),
      out: path.resolve(out),
    }),
  );
  emit(
    options,
    { bundle, rows: result.rows, columns: result.columns, out: result.out },
    (r) =>
      `Predicted ${r.rows.toLocaleString('en-US')} rows with the bundle ${r.bundle}; wrote them to ${r.out}.`,
  );
}
