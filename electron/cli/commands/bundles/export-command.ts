/** `assay export RUN --out DIR [--name NAME] [--version X.Y.Z]`: a run as a model bundle. */
import path from 'node:path';
import type { Command } from 'commander';
import { emit, type GlobalOptions } from '../../cli-io';
import { runCliJob } from '../../cli-job';
import { withClient } from '../../open-engine';

interface ExportFlags {
  out?: string;
  name?: string;
  version?: string;
}

/**
 * `assay export … --version X.Y.Z`: the program's own `--version` would claim the flag
 * wherever it stands, so after `export` it is renamed to the command's `--bundle-version`.
 */
export function exportVersionFlag(argv: string[]): string[] {
  const at = argv.indexOf('export');
  return argv.map((arg, i) => (i > at && at >= 0 && arg === '--version' ? '--bundle-version' : arg));
}

export function registerExport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('export')
    .description("Export a run's model as a bundle (ONNX, native model, card, manifest) and a .tar.gz.")
    .argument('<run>', 'the run id (see `assay runs`)')
    .requiredOption('--out <dir>', 'copy the bundle folder and its .tar.gz here')
    .option('--name <name>', 'the model name (default: <dataset>-<target>)')
    .option(
      '--bundle-version <x.y.z>',
      "--version X.Y.Z: the version (default: the next patch of the model's latest)",
    )
    .action(async (runId: string, given: ExportFlags & { bundleVersion?: string }) => {
      const flags: ExportFlags = {
        ...given,
        ...(given.bundleVersion ? { version: given.bundleVersion } : {}),
      };
      const info = await withClient(globals(), (client) =>
        runCliJob(client, 'bundles.export', {
          runId,
          ...(flags.out ? { out: path.resolve(flags.out) } : {}),
          ...(flags.name ? { name: flags.name } : {}),
          ...(flags.version ? { version: flags.version } : {}),
        }),
      );
      emit(
        globals(),
        info,
        (i) => `Exported ${i.model} ${i.version} (${i.files.length} files) to ${flags.out}.`,
      );
    });
}
