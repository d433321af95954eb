/** `assay workspace`: show, create and check workspaces from the command line. */
import type { Command } from 'commander';
import type { WorkspaceInfo } from '../../../../shared/workspace';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { formatBytes } from '../../../../shared/format';

export function registerWorkspace(program: Command, globals: () => GlobalOptions): void {
  const workspace = program.command('workspace').description('Show or create workspaces.');

  workspace
    .command('info', { isDefault: true })
    .description('Describe the workspace in use (the default, ASSAY_WORKSPACE or --workspace).')
    .action(async () => {
      const info = await withClient(globals(), (client) => client.call('workspace.info', {}));
      emit(globals(), info, describe);
    });

  workspace
    .command('create [dir]')
    .description('Create a workspace folder (default: the --workspace folder).')
    .action(async (dir: string | undefined) => {
      // Opening a workspace creates it when the folder has none, and adds it to the recent list.
      const where = dir === undefined ? globals() : { ...globals(), workspace: dir };
      const info = await withClient(where, (client) => client.call('workspace.info', {}));
      emit(globals(), info, describe);
    });

  workspace
    .command('recent')
    .description('List workspaces opened before, most recent first.')
    .action(async () => {
      const recent = await withClient(globals(), (client) => client.call('workspace.recent', {}));
      emit(globals(), recent, (r) => (r.paths.length ? r.paths.join('\n') : 'No workspaces opened yet.'));
    });
}

function describe(info: WorkspaceInfo): string {
  return [
    `Workspace ${info.name}`,
    `  folder    ${info.path}`,
    `  database  ${info.databaseFile} (${formatBytes(info.sizeBytes)})`,
    `  artifacts ${info.artifactsDir}`,
    `  schema    ${info.schemaVersion}`,
  ].join('\n');
}
