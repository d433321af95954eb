/**
 * Opens the engine for one CLI command on the workspace the caller chose
 * (`--workspace`, then `ASSAY_WORKSPACE`, then the default) and closes it afterwards, so
 * a command never leaves the workspace locked.
 */
import type { AppInfo } from '../../shared/app';
import { Engine } from '../engine/engine';
import { defaultWorkspaceDir } from '../engine/workspace/workspace-paths';
import type { GlobalOptions } from './cli-io';

export function workspaceDirOf(options: GlobalOptions): string {
  return options.workspace?.trim() || defaultWorkspaceDir();
}

export async function openEngine(options: GlobalOptions, mode: AppInfo['mode'] = 'browser'): Promise<Engine> {
  return Engine.create({ workspaceDir: workspaceDirOf(options), mode });
}

export async function withEngine<T>(options: GlobalOptions, run: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine(options);
  try {
    return await run(engine);
  } finally {
    await engine.close();
  }
}
