/**
 * Where things live on disk: the files inside a workspace folder, the default workspace
 * under the user's data directory, and the small per-user config (recent workspaces).
 * `ASSAY_WORKSPACE` and `ASSAY_CONFIG_DIR` override the defaults so that tests and
 * scripts never touch a person's real data.
 */
import path from 'node:path';
import envPaths from 'env-paths';

export const DATABASE_FILE = 'workspace.duckdb';
export const ARTIFACTS_DIR = 'artifacts';
/** Files exported for download in browser mode (a remote page cannot read a server path). */
export const EXPORTS_DIR = 'exports';

const userDirs = envPaths('assay', { suffix: '' });

export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ASSAY_WORKSPACE?.trim();
  return path.resolve(fromEnv || path.join(userDirs.data, 'workspaces', 'default'));
}

export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.ASSAY_CONFIG_DIR?.trim() || userDirs.config);
}

export function workspaceFiles(dir: string): {
  root: string;
  databaseFile: string;
  artifactsDir: string;
  exportsDir: string;
} {
  const root = path.resolve(dir);
  return {
    root,
    databaseFile: path.join(root, DATABASE_FILE),
    artifactsDir: path.join(root, ARTIFACTS_DIR),
    exportsDir: path.join(root, EXPORTS_DIR),
  };
}
