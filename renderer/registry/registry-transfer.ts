/**
 * The one push, pull or export the Registry runs at a time: its numbers from the job's
 * progress (bytes, rate), and a runner that reports a failure as the engine's sentence and
 * a cancel as news, then clears the transfer whatever happened.
 */
import { ApiError } from '../../shared/errors';
import type { JobProgress } from '../../shared/jobs';
import { reportError, type ToastStore } from '../shell/toast-store';

/** A push, pull or export under way. */
export interface Transfer {
  kind: 'push' | 'pull' | 'export';
  /** What moves: "oci://…" or "model 1.0.0". */
  target: string;
  jobId: string | null;
  stage: string;
  fraction: number | null;
  done: number;
  total: number | null;
  /** Bytes per second so far; null until a first byte moved. */
  bytesPerSecond: number | null;
}

/** A transfer's numbers from a job's progress record; a stage without bytes keeps the last ones. */
export function transferProgress(transfer: Transfer, job: JobProgress, now: number): Transfer {
  const next = { ...transfer, jobId: job.jobId, stage: job.stage, fraction: job.fraction };
  if (job.unit !== 'bytes') return next;
  const done = job.done ?? 0;
  const seconds = (now - job.startedAt) / 1000;
  return {
    ...next,
    done,
    total: job.total ?? null,
    bytesPerSecond: done > 0 && seconds > 0 ? done / seconds : transfer.bytesPerSecond,
  };
}

export interface JobOptions {
  signal: AbortSignal;
  onProgress: (job: JobProgress) => void;
}

export interface TransferRunner {
  run<R>(
    kind: Transfer['kind'],
    target: string,
    start: (options: JobOptions) => Promise<R>,
  ): Promise<R | null>;
  cancel(): void;
}

const WORDS: Record<Transfer['kind'], string> = { push: 'Push', pull: 'Pull', export: 'Export' };

export function createTransferRunner(
  access: { get(): Transfer | null; set(transfer: Transfer | null): void },
  toasts: ToastStore,
  now: () => number,
): TransferRunner {
  let abort: AbortController | null = null;
  return {
    run: async (kind, target, start) => {
      if (access.get()) {
        toasts.getState().push('error', 'Wait for the transfer under way to finish, or cancel it.');
        return null;
      }
      const controller = (abort = new AbortController());
      access.set({
        kind,
        target,
        jobId: null,
        stage: 'Starting',
        fraction: null,
        done: 0,
        total: null,
        bytesPerSecond: null,
      });
      const onProgress = (job: JobProgress) => {
        const current = access.get();
        if (current) access.set(transferProgress(current, job, now()));
      };
      try {
        return await start({ signal: controller.signal, onProgress });
      } catch (error) {
        if (controller.signal.aborted || (error instanceof ApiError && error.code === 'CANCELLED')) {
          toasts.getState().push('info', `${WORDS[kind]} cancelled; nothing was left behind.`);
        } else reportError(error, toasts);
        return null;
      } finally {
        abort = null;
        access.set(null);
      }
    },
    cancel: () => abort?.abort(),
  };
}
