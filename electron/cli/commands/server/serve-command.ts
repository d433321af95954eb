/**
 * `assay serve`: browser mode on this machine (docs/architecture.md). Prints exactly one
 * line on stdout, the address with its token, so scripts can read it; warnings go to
 * stderr. Stops within two seconds on SIGTERM or SIGINT, even mid-query.
 */
import type { Command } from 'commander';
import { rendererDir } from '../../../engine/index';
import { isLoopback } from '../../../server/access-control';
import { startServer } from '../../../server/server';
import { SHUTDOWN_DEADLINE_MS, closeWithin, waitForStopSignal } from '../../../server/shutdown';
import { UsageError, type GlobalOptions } from '../../cli-io';
import { openEngine } from '../../open-engine';

interface ServeOptions {
  host: string;
  port: string;
}

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Serve the Assay UI to a browser on this machine (token-protected).')
    .option(
      '--host <host>',
      'address to bind; anything but loopback exposes Assay to the network',
      '127.0.0.1',
    )
    .option('--port <port>', 'port to listen on; 0 picks a free one', '0')
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, not "${options.port}".`);
      }
      if (!isLoopback(options.host)) {
        process.stderr.write(
          `assay: warning: binding ${options.host} lets other machines reach this server; only the token protects it.\n`,
        );
      }
      const engine = await openEngine(globals(), 'browser');
      const server = await startServer({
        engine,
        rendererDir: rendererDir(),
        host: options.host,
        port,
      }).catch(async (error: unknown) => {
        await engine.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new Error(`Port ${port} is already in use; choose another with --port.`);
        if (code === 'EADDRNOTAVAIL')
          throw new Error(`This machine has no address ${options.host}; check --host.`);
        throw error;
      });
      process.stdout.write(`Assay is running at ${server.url}\n`);
      process.stderr.write(
        'assay: anyone with this address can use Assay as you, including reading any file you can read through SQL.\n',
      );
      await waitForStopSignal();
      await closeWithin(
        SHUTDOWN_DEADLINE_MS,
        async () => {
          await server.close();
          await engine.close();
        },
        (line) => process.stderr.write(`${line}\n`),
      );
    });
}
