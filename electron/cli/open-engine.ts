/**
 * Opens the engine for one CLI command on the workspace the caller chose
 * (`--workspace`, then `ASSAY_WORKSPACE`, then the default) and closes it afterwards, so
 * a command never leaves the workspace locked. Commands get the engine's API client, not
 * the engine: they call the contract exactly as the app does.
 */
import type { ApiClient } from '../../shared/api';
import type { AppInfo } from '../../shared/app';
import { Engine, defaultWorkspaceDir } from '../engine/index';
import type { GlobalOptions } from './cli-io';

export function workspaceDirOf(options: GlobalOptions): string {
  return options.workspace?.trim() || defaultWorkspaceDir();
}

export async function openEngine(options: GlobalOptions, mode: AppInfo['mode'] = 'browser'): Promise<Engine> {
  return Engine.create({ workspaceDir: workspaceDirOf(options), mode });
}

/** Runs `work` with a client of the chosen workspace's engine, then closes the engine. */
export async function withClient<T>(
  options: GlobalOptions,
  work: (client: ApiClient) => Promise<T>,
): Promise<T> {
  const engine = await openEngine(options);
  try {
    return await work(engine.client);
  } finally {
    await engine.close();
  }
}
