/**
 * Runs a job through the contract and waits for what it produced, for any caller with an
 * `ApiClient` (the CLI today, the app's views when they want a promise instead of a
 * store). It calls the method that starts the job, hands that job's `job.progress` events
 * to `onProgress`, asks `jobs.cancel` when `signal` aborts, and resolves with the job's
 * full result from `jobs.wait` — typed by the method's `JobMethod` declaration — or
 * rejects with the job's own sentence. Pure: no Node, no DOM.
 */
import type { ApiClient, ApiMethod, ApiRequest, ApiResponse } from './api';
import { ApiError } from './errors';
import type { JobProgress, JobResultOf, JobStarted } from './jobs';

export interface RunJobOptions {
  /** Every progress record of this job, the last one included, in the order they came. */
  onProgress?: (progress: JobProgress) => void;
  /** Aborting asks the engine to cancel the job; the promise then rejects with its sentence. */
  signal?: AbortSignal;
}

/** The methods that always start a job (their response is a `JobStarted`). */
export type JobMethodName = {
  [M in ApiMethod]: ApiResponse<M> extends JobStarted<unknown> ? M : never;
}[ApiMethod];

/** What the job started by method `M` resolves to. */
export type JobResult<M extends ApiMethod> = JobResultOf<ApiResponse<M>>;

export async function runJob<M extends JobMethodName>(
  client: ApiClient,
  method: M,
  request: ApiRequest<M>,
  options: RunJobOptions = {},
): Promise<JobResult<M>> {
  throwIfAborted(options.signal);
  // Subscribe before the call: the first events can arrive before its answer does.
  const early: JobProgress[] = [];
  let jobId: string | undefined;
  const off = client.on('job.progress', (progress) => {
    if (jobId === undefined) early.push(progress);
    else if (progress.jobId === jobId) options.onProgress?.(progress);
  });
  try {
    const started = (await client.call(method, request)) as JobStarted<JobResult<M>>;
    jobId = started.jobId;
    for (const progress of early) if (progress.jobId === jobId) options.onProgress?.(progress);
    early.length = 0;
    return await waitForJob<JobResult<M>>(client, jobId, { signal: options.signal });
  } finally {
    off();
  }
}

/**
 * Follows a job that is already running: its progress to `onProgress`, cancel on abort,
 * and its full result. `R` is the caller's word for the result's type; prefer `runJob`,
 * which takes it from the contract.
 */
export async function followJob<R>(
  client: ApiClient,
  jobId: string,
  options: RunJobOptions = {},
): Promise<R> {
  const off = options.onProgress
    ? client.on('job.progress', (progress) => {
        if (progress.jobId === jobId) options.onProgress?.(progress);
      })
    : () => undefined;
  try {
    return await waitForJob<R>(client, jobId, { signal: options.signal });
  } finally {
    off();
  }
}

async function waitForJob<R>(
  client: ApiClient,
  jobId: string,
  options: { signal?: AbortSignal },
): Promise<R> {
  const { signal } = options;
  // A cancel that fails (the job just ended) changes nothing: the wait reports the outcome.
  const cancel = (): void => void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return (await client.call('jobs.wait', { jobId })) as R;
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ApiError('CANCELLED', 'The job was cancelled before it started.');
}
