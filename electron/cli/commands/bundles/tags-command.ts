/** `assay tags oci://HOST[:PORT]/REPO`: the tags (versions) of a repository. */
import type { Command } from 'commander';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { registryCredentials } from './registry-credentials';

export function registerTags(program: Command, globals: () => GlobalOptions): void {
  program
    .command('tags')
    .description("List a registry repository's tags.")
    .argument('<reference>', 'oci://HOST[:PORT]/REPO')
    .option('--plain-http', 'talk HTTP, not HTTPS (always allowed for 127.0.0.1 and localhost)')
    .option('--password-stdin', 'read the password from stdin (user: $ASSAY_REGISTRY_USERNAME)')
    .action(async (reference: string, flags: { plainHttp?: boolean; passwordStdin?: boolean }) => {
      const credentials = await registryCredentials(flags.passwordStdin);
      const result = await withClient(globals(), (client) =>
        client.call('registry.tags', {
          reference,
          ...(flags.plainHttp ? { plainHttp: true } : {}),
          ...(credentials ? { credentials } : {}),
        }),
      );
      emit(globals(), result, (r) => (r.tags.length ? r.tags.join('\n') : `${r.repository} has no tags.`));
    });
}
