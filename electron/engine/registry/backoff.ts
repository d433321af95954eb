/**
 * Waiting between retries: exponential backoff with jitter, cut short by the caller's
 * AbortSignal so a cancel never waits out a sleep.
 */
import { cancelled } from './registry-error';

export interface RetryPolicy {
  /** Tries after the first one. */
  retries: number;
  /** The first wait, doubled on every try. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 250 };

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const exp = policy.baseDelayMs * 2 ** attempt;
  return Math.round(exp / 2 + (Math.random() * exp) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
