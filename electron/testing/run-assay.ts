/** Test support: the `assay` command run as a user runs it — a real process, from source. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const CLI_ENTRY = path.resolve('electron/cli/entry.ts');
export const VEGA_DATA = path.resolve('node_modules/vega-datasets/data');

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runAssay(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): CliOutcome {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
