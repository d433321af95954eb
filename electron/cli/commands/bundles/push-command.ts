/**
 * `assay push RUN|DIR oci://HOST[:PORT]/REPO:TAG [--plain-http] [--password-stdin]`: a bundle
 * folder, or a run exported first as its model's next version, pushed as a ModelPack artifact.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { emit, type GlobalOptions } from '../../cli-io';
import { runCliJob } from '../../cli-job';
import { withClient } from '../../open-engine';
import { registryCredentials } from './registry-credentials';

interface PushFlags {
  plainHttp?: boolean;
  passwordStdin?: boolean;
  name?: string;
}

export function registerPush(program: Command, globals: () => GlobalOptions): void {
  program
    .command('push')
    .description('Push a bundle folder, or a run as a new model version, to an OCI registry.')
    .argument('<source>', 'a bundle folder, or a run id (exported first)')
    .argument('<reference>', 'oci://HOST[:PORT]/REPO:TAG')
    .option('--plain-http', 'talk HTTP, not HTTPS (always allowed for 127.0.0.1 and localhost)')
    .option('--password-stdin', 'read the password from stdin (user: $ASSAY_REGISTRY_USERNAME)')
    .option('--name <name>', 'the model name when exporting a run')
    .action(async (source: string, reference: string, flags: PushFlags) => {
      const credentials = await registryCredentials(flags.passwordStdin);
      const isFolder = fs.existsSync(path.join(source, 'manifest.json'));
      const pushed = await withClient(globals(), async (client) => {
        let target: { folder: string } | { model: string; version: string };
        if (isFolder) target = { folder: path.resolve(source) };
        else {
          const name = flags.name ? { name: flags.name } : {};
          const exported = await runCliJob(client, 'bundles.export', { runId: source, ...name });
          target = { model: exported.model, version: exported.version };
        }
        return runCliJob(client, 'registry.push', {
          ...target,
          reference,
          ...(flags.plainHttp ? { plainHttp: true } : {}),
          ...(credentials ?? {}),
        });
      });
      emit(globals(), pushed, (p) => `Pushed ${p.reference} (${p.digest}).`);
    });
}
