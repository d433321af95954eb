/** `assay pull oci://HOST[:PORT]/REPO:TAG|@sha256:… [--out DIR] [--plain-http]`: a bundle into the workspace. */
import path from 'node:path';
import type { Command } from 'commander';
import { emit, type GlobalOptions } from '../../cli-io';
import { runCliJob } from '../../cli-job';
import { withClient } from '../../open-engine';
import { registryCredentials } from './registry-credentials';

interface PullFlags {
  out?: string;
  plainHttp?: boolean;
  passwordStdin?: boolean;
}

export function registerPull(program: Command, globals: () => GlobalOptions): void {
  program
    .command('pull')
    .description('Pull a model bundle from an OCI registry into the workspace (and a folder), verified.')
    .argument('<reference>', 'oci://HOST[:PORT]/REPO:TAG or oci://HOST/REPO@sha256:…')
    .option('--out <dir>', 'also copy the bundle folder here')
    .option('--plain-http', 'talk HTTP, not HTTPS (always allowed for 127.0.0.1 and localhost)')
    .option('--password-stdin', 'read the password from stdin (user: $ASSAY_REGISTRY_USERNAME)')
    .action(async (reference: string, flags: PullFlags) => {
      const credentials = await registryCredentials(flags.passwordStdin);
      const info = await withClient(globals(), (client) =>
        runCliJob(client, 'registry.pull', {
          reference,
          ...(flags.out ? { out: path.resolve(flags.out) } : {}),
          ...(flags.plainHttp ? { plainHttp: true } : {}),
          ...(credentials ? { credentials } : {}),
        }),
      );
      emit(
        globals(),
        info,
        (i) => `Pulled ${i.model} ${i.version} (${i.digest ?? ''})${flags.out ? ` to ${flags.out}` : ''}.`,
      );
    });
}
