/**
 * The `assay` command: the engine without a UI, for scripts, CI and servers. Each
 * command lives in its own file under `commands/` and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { appVersion } from '../engine/index';
import { EXIT_OK, EXIT_USAGE, reportFailure, type GlobalOptions } from './cli-io';
import { exportVersionFlag, registerExport } from './commands/bundles/export-command';
import { registerModels } from './commands/bundles/models-command';
import { registerPull } from './commands/bundles/pull-command';
import { registerPush } from './commands/bundles/push-command';
import { registerServeModel } from './commands/bundles/serve-model-command';
import { registerTags } from './commands/bundles/tags-command';
import { registerDatasets } from './commands/datasets/datasets-command';
import { registerExportData } from './commands/datasets/export-data-command';
import { registerImport } from './commands/datasets/import-command';
import { registerFeatureset } from './commands/features/featureset-command';
import { registerFeaturesRank } from './commands/features/rank-command';
import { registerRecipe } from './commands/clean/recipe-command';
import { registerPredict } from './commands/training/predict-command';
import { registerProfile } from './commands/profile/profile-command';
import { registerRuns } from './commands/training/runs-command';
import { registerServe } from './commands/server/serve-command';
import { registerSql } from './commands/datasets/sql-command';
import { registerTrain } from './commands/training/train-command';
import { registerWorkspace } from './commands/workspace/workspace-command';

export function buildProgram(): Command {
  const program = new Command('assay')
    .description('Assay: import, profile, clean, train and ship models from one workspace.')
    .version(appVersion(), '-V, --version')
    .option('-w, --workspace <dir>', 'workspace folder (default: $ASSAY_WORKSPACE or the per-user default)')
    .option('--json', 'print machine-readable JSON')
    .option('--verbose', 'print stack traces with errors')
    .showHelpAfterError('(run with --help for usage)')
    // Subcommands inherit this, so every usage error reaches the exit-code mapping below.
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerServe(program, globals);
  registerWorkspace(program, globals);
  registerImport(program, globals);
  registerDatasets(program, globals);
  registerSql(program, globals);
  registerExportData(program, globals);
  registerProfile(program, globals);
  registerRecipe(program, globals);
  registerFeatureset(program, globals);
  registerFeaturesRank(program, globals);
  registerTrain(program, globals);
  registerPredict(program, globals);
  registerRuns(program, globals);
  registerExport(program, globals);
  registerPush(program, globals);
  registerPull(program, globals);
  registerTags(program, globals);
  registerModels(program, globals);
  registerServeModel(program, globals);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(exportVersionFlag(argv), { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return benign ? EXIT_OK : EXIT_USAGE;
    }
    return reportFailure(error, program.opts<GlobalOptions>().verbose ?? false);
  }
}
