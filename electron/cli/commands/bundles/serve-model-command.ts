/**
 * `assay serve-model BUNDLE --port N [--host 127.0.0.1] [--max-body-bytes N] [--max-concurrent N]`: a bundle
 * folder answered over HTTP by ONNX Runtime (POST /predict, GET /health, GET /metadata; the
 * engine's bundles/serve, docs/architecture.md "Serving a bundle"). It needs no workspace.
 * Prints one line with the address on stdout; stops on SIGTERM or SIGINT.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT, startModelServer } from '../../../engine/index';
import { isLoopback } from '../../../server/access-control';
import { SHUTDOWN_DEADLINE_MS, closeWithin, waitForStopSignal } from '../../../server/shutdown';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';

interface ServeModelFlags {
  host: string;
  port: string;
  maxBodyBytes: string;
  maxConcurrent: string;
}

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  return n;
}

export function registerServeModel(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve-model')
    .description(
      'Serve a bundle folder over HTTP with ONNX Runtime (POST /predict, GET /health, GET /metadata).',
    )
    .argument('<bundle>', 'a bundle folder (from assay export or assay pull --out)')
    .requiredOption('--port <port>', 'port to listen on; 0 picks a free one')
    .option(
      '--host <host>',
      'address to bind; anything but loopback exposes the model to the network',
      '127.0.0.1',
    )
    .option(
      '--max-body-bytes <n>',
      'largest request body accepted (413 beyond)',
      String(DEFAULT_MAX_BODY_BYTES),
    )
    .option(
      '--max-concurrent <n>',
      'predictions answered at once (503 beyond); bounds memory to this × --max-body-bytes',
      String(DEFAULT_MAX_CONCURRENT),
    )
    .action(async (bundle: string, flags: ServeModelFlags) => {
      const port = wholeNumber(flags.port, '--port', 0, 65535);
      const maxBodyBytes = wholeNumber(flags.maxBodyBytes, '--max-body-bytes', 1, 2 ** 31 - 1);
      const maxConcurrent = wholeNumber(flags.maxConcurrent, '--max-concurrent', 1, 10_000);
      if (!isLoopback(flags.host))
        process.stderr.write(
          `assay: warning: binding ${flags.host} lets other machines reach this model; serve-model has no authentication.\n`,
        );
      const server = await startModelServer({
        bundle: path.resolve(bundle),
        host: flags.host,
        port,
        maxBodyBytes,
        maxConcurrent,
      }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new Error(`Port ${port} is already in use; choose another with --port.`);
        if (code === 'EADDRNOTAVAIL')
          throw new Error(`This machine has no address ${flags.host}; check --host.`);
        throw error;
      });
      const { model, version } = server.metadata;
      emit(
        globals(),
        { url: server.url, model, version, digest: server.metadata.digest },
        (s) => `Serving ${s.model} ${s.version} at ${s.url} (POST /predict, GET /health, GET /metadata).`,
      );
      await waitForStopSignal();
      await closeWithin(
        SHUTDOWN_DEADLINE_MS,
        () => server.close(),
        (line) => process.stderr.write(`${line}\n`),
      );
    });
}
