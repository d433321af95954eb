/**
 * Runs a training job (or a search, or a prediction) on a worker thread so the caller's
 * event loop stays free. The job's column buffers are transferred, which empties the
 * caller's arrays; pass `transfer: false` to copy instead. Cancelling sets a shared
 * flag the worker checks between iterations; a worker that has not stopped within a
 * grace period is terminated.
 */
import { ApiError } from '../../../shared/errors';
import type { SearchRequest, SearchResult } from './search';
import type { SerializedModel } from './model-format';
import type { Column, Prediction, TrainData, TrainJob, TrainProgress, TrainResult } from './types';
import type { WorkerReply, WorkerRequest } from './worker/messages';
import { startWorker } from '../core/worker-start';
import { trainWorkerUrl } from './worker-url';

export interface WorkerOptions {
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Move the data's buffers to the worker instead of copying them (default true). */
  transfer?: boolean;
  /** How long a cancelled worker may take to stop before it is terminated. */
  graceMs?: number;
  /** Another build of the worker entry (bench/compare runs the bundle's from source). */
  workerUrl?: URL;
}

export function trainInWorker(job: TrainJob, options: WorkerOptions = {}): Promise<TrainResult> {
  return runInWorker(
    (cancelFlag) => ({ type: 'train', job, cancelFlag }),
    [job.data],
    options,
  ) as Promise<TrainResult>;
}

export function searchInWorker(request: SearchRequest, options: WorkerOptions = {}): Promise<SearchResult> {
  return runInWorker(
    (cancelFlag) => ({ type: 'search', request, cancelFlag }),
    [request.base.data],
    options,
  ) as Promise<SearchResult>;
}

/**
 * Prediction off the caller's thread: a large model or table keeps a worker busy, never
 * the engine. The model goes as stored (the worker decodes it); the columns are copied.
 * A prediction has no iterations to poll, so a cancel stops the worker at once.
 */
export function predictInWorker(
  model: SerializedModel,
  columns: Column[],
  options: { signal?: AbortSignal } = {},
): Promise<Prediction> {
  return runInWorker((cancelFlag) => ({ type: 'predict', model, columns, cancelFlag }), [], {
    ...options,
    transfer: false,
    graceMs: 0,
  }) as Promise<Prediction>;
}

function runInWorker(
  message: (flag: SharedArrayBuffer) => WorkerRequest,
  data: TrainData[],
  options: WorkerOptions,
): Promise<unknown> {
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ApiError('CANCELLED', 'Training was cancelled.'));
      return;
    }
    const worker = startWorker(options.workerUrl ?? trainWorkerUrl());
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = (): void => {
      Atomics.store(flag, 0, 1);
      killTimer = setTimeout(
        () => finish(() => reject(new ApiError('CANCELLED', 'Training was cancelled.'))),
        options.graceMs ?? 2000,
      );
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') options.onProgress?.(reply.progress);
      else if (reply.type === 'result') finish(() => resolve(reply.result));
      else if (reply.type === 'error') finish(() => reject(ApiError.from(reply.error)));
    });
    worker.on('error', (err) =>
      finish(() => reject(new ApiError('INTERNAL', `The training worker crashed: ${err.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(new ApiError('INTERNAL', `The training worker stopped unexpectedly (exit code ${code}).`)),
      ),
    );
    const msg = message(cancelFlag);
    worker.postMessage(msg, options.transfer === false ? [] : transferList(data));
  });
}

/** Each distinct ArrayBuffer behind the data's typed arrays, once. */
function transferList(data: TrainData[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const d of data) {
    for (const col of [...d.columns, d.target]) {
      const arr = col.kind === 'categorical' ? col.codes : col.values;
      if (arr.buffer instanceof ArrayBuffer) buffers.add(arr.buffer);
    }
  }
  return [...buffers];
}
