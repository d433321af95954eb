/**
 * How a CLI command runs a job: through the contract (`runJob`), with the progress bar on
 * a terminal and Ctrl-C asking the engine to cancel, so an interrupted command leaves the
 * workspace as it was and exits with the job's "was cancelled" sentence.
 */
import type { ApiClient, ApiRequest } from '../../shared/api';
import {
  followJob,
  runJob,
  type JobMethodName,
  type JobResult,
  type RunJobOptions,
} from '../../shared/run-job';
import { progressDisplay } from './progress-line';

/** Starts the job of `method` and resolves with its result. */
export function runCliJob<M extends JobMethodName>(
  client: ApiClient,
  method: M,
  request: ApiRequest<M>,
): Promise<JobResult<M>> {
  return withInterruptAndProgress((options) => runJob(client, method, request, options));
}

/** Waits for a job some call already started (one whose answer may be "no job needed"). */
export function followCliJob<R>(client: ApiClient, jobId: string): Promise<R> {
  return withInterruptAndProgress((options) => followJob<R>(client, jobId, options));
}

async function withInterruptAndProgress<T>(work: (options: RunJobOptions) => Promise<T>): Promise<T> {
  const display = progressDisplay();
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    return await work({ onProgress: display.show, signal: controller.signal });
  } finally {
    process.off('SIGINT', interrupt);
    display.close();
  }
}
