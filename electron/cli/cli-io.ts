/**
 * How every CLI command talks to its caller: results on stdout (JSON with `--json`,
 * words otherwise), one sentence on stderr for a failure, and the exit codes scripts rely
 * on — 0 success, 1 failure, 2 wrong usage. Wrong usage is a malformed flag caught here,
 * or a value the contract refuses (`BAD_REQUEST`, "Invalid request to datasets.import
 * (name): …"): either way the command cannot run as written, whatever the workspace holds.
 */
import { ApiError } from '../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
  verbose?: boolean;
}

/** Print a result: as JSON for machines, through `human` for people. */
export function emit<T>(options: GlobalOptions, value: T, human: (value: T) => string): void {
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`,
    );
  } else {
    process.stdout.write(`${human(value)}\n`);
  }
}

/** One clear sentence on stderr; the stack only with --verbose. Returns the exit code. */
export function reportFailure(error: unknown, verbose: boolean): number {
  if (error instanceof UsageError || (error instanceof ApiError && error.code === 'BAD_REQUEST')) {
    process.stderr.write(`assay: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message =
    error instanceof ApiError
      ? error.message
      : error instanceof Error
        ? error.message
        : `Unexpected failure: ${String(error)}`;
  process.stderr.write(`assay: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}
