/**
 * The registry's failures as `ApiError`s with a sentence a person can act on, plus one
 * flag the client needs: whether trying again may help (a 5xx, a 429 or a dropped
 * connection) or not (a refusal, a missing tag, a tampered blob).
 */
import { ApiError, type ErrorCode } from '../../../shared/errors';

export class RegistryError extends ApiError {
  readonly transient: boolean;

  constructor(code: ErrorCode, message: string, transient = false) {
    super(code, message);
    this.transient = transient;
  }
}

export function cancelled(): RegistryError {
  return new RegistryError('CANCELLED', 'The registry transfer was cancelled.');
}

/** True for errors worth retrying: transient registry errors and dropped sockets. */
export function isTransient(error: unknown): boolean {
  if (error instanceof RegistryError) return error.transient;
  if (error instanceof ApiError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'ECONNABORTED'].includes(code)
  );
}

/** A registry's error body (`{"errors":[{"code","message"}]}`) as one short phrase. */
export function registryErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    if (first) return [first.code, first.message].filter(Boolean).join(': ');
  } catch {
    // Not JSON: fall through to the raw text, shortened.
  }
  return body.trim().slice(0, 200);
}
