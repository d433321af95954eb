/** `assay serve`: browser mode on this machine (DESIGN §4). */
import type { Command } from 'commander';
import { rendererDir } from '../../../engine/app/package-root';
import { isLoopback } from '../../../server/access-control';
import { startServer } from '../../../server/server';
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
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await engine.close();
    });
}
