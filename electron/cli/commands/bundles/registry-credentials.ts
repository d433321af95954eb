/**
 * Registry credentials for the CLI: ASSAY_REGISTRY_USERNAME and ASSAY_REGISTRY_PASSWORD, or
 * the password read from stdin with --password-stdin. They go to the engine in memory only
 * and are never printed.
 */
import { UsageError } from '../../cli-io';

export interface Credentials {
  username: string;
  password: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function registryCredentials(
  passwordStdin: boolean | undefined,
): Promise<Credentials | undefined> {
  const username = process.env.ASSAY_REGISTRY_USERNAME;
  const password = passwordStdin ? await readStdin() : process.env.ASSAY_REGISTRY_PASSWORD;
  if (!username && !password) return undefined;
  if (!username || !password)
    throw new UsageError(
      'Set both ASSAY_REGISTRY_USERNAME and the password (ASSAY_REGISTRY_PASSWORD or --password-stdin), or neither.',
    );
  return { username, password };
}
