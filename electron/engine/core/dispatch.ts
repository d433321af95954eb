/**
 * The one entry point every adapter uses: it takes a method name and a payload from an
 * untrusted caller, validates both against the contract, runs the handler and turns any
 * outcome into a `Result`. Unexpected errors are logged here with their stack and leave
 * as a generic sentence, so no adapter can leak internals by accident.
 */
import type { z } from 'zod';
import { isApiMethod, requestSchemas, type ApiMethod } from '../../../shared/api';
import { ApiError, type Result } from '../../../shared/errors';
import type { Handlers } from './handlers';

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  try {
    if (!isApiMethod(method)) {
      throw new ApiError('BAD_REQUEST', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.`);
    }
    const request = parseRequest(method, payload);
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(request) };
  } catch (error) {
    return { ok: false, error: toApiError(error).toJSON() };
  }
}

export function parseRequest<M extends ApiMethod>(method: M, payload: unknown): unknown {
  const parsed = (requestSchemas[method] as z.ZodType).safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new ApiError(
    'BAD_REQUEST',
    `Invalid request to ${method}${where}: ${issue?.message ?? 'malformed payload'}.`.replace(/\.\.$/, '.'),
  );
}

/** Map anything thrown to an `ApiError`; unknown errors are logged and hidden. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new ApiError('CANCELLED', 'The job was cancelled.');
  }
  console.error(error);
  return new ApiError('INTERNAL', 'Something went wrong inside Assay; the details are in its log.');
}
