/**
 * Errors as they cross the process boundary. Stack traces stay in the engine; the
 * renderer, the server's clients and the CLI only ever see a code a program can branch
 * on and a sentence a person can act on (what is wrong, where, what to do).
 */

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'WORKSPACE_LOCKED'
  | 'UNSUPPORTED'
  | 'CANCELLED'
  | 'INVALID_INPUT'
  | 'INTERNAL';

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The one error type every adapter hands to its caller. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.details);
  }
}

/** What a call returns over a transport: never a thrown value, always one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/**
 * The sentence to show for anything a call or a job may throw: an `ApiError`'s or any
 * `Error`'s message, otherwise the value as text. Never the stack.
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
