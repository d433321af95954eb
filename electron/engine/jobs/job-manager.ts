/**
 * Runs long work as jobs: an id at once, progress events at a steady pace, cancel
 * through an AbortSignal, and an outcome kept for the jobs panel. The job's own code is
 * responsible for leaving the workspace as it was when it fails or is cancelled (it
 * works in a transaction or a temporary table); the manager only reports.
 */
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../../shared/jobs';
import { ApiError } from '../../../shared/errors';
import { toApiError } from '../core/dispatch';
import type { EventBus } from '../core/event-bus';

export interface JobSpec {
  kind: string;
  label: string;
  unit?: JobProgress['unit'];
}

export interface ProgressUpdate {
  fraction?: number | null;
  stage?: string;
  done?: number;
  total?: number;
}

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  progress(update: ProgressUpdate): void;
  /** Throws an AbortError when the user cancelled; call between units of work. */
  throwIfCancelled(): void;
  /** The stage text to show once the job succeeds (default "Done"), e.g. "Unchanged: kept version 2". */
  finalStage(stage: string): void;
}

/** Progress events closer together than this are coalesced; state changes always go out. */
const PROGRESS_INTERVAL_MS = 100;
const FINISHED_KEPT = 50;

interface Entry {
  progress: JobProgress;
  controller: AbortController;
  outcome: Promise<unknown>;
  lastEmit: number;
  /** A coalesced update waiting to go out, so the latest progress is never lost. */
  trailing: NodeJS.Timeout | null;
}

export class JobManager {
  private readonly jobs = new Map<string, Entry>();

  constructor(private readonly events: EventBus) {}

  /** Start `run` as a job; returns its first progress record at once. */
  start<T>(spec: JobSpec, run: (ctx: JobContext) => Promise<T>): { jobId: string; outcome: Promise<T> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const progress: JobProgress = {
      jobId,
      kind: spec.kind,
      label: spec.label,
      state: 'running',
      fraction: null,
      stage: 'Starting',
      startedAt: Date.now(),
      etaMs: null,
      ...(spec.unit ? { unit: spec.unit } : {}),
    };
    const entry: Entry = { progress, controller, outcome: Promise.resolve(), lastEmit: 0, trailing: null };
    let doneStage = 'Done';
    this.jobs.set(jobId, entry);
    this.emit(entry, true);

    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (update) => this.update(entry, update),
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw abortError();
      },
      finalStage: (stage) => {
        doneStage = stage;
      },
    };
    const outcome = (async () => {
      try {
        const result = await run(ctx);
        if (controller.signal.aborted) throw abortError();
        this.finish(entry, { state: 'succeeded', fraction: 1, stage: doneStage, result: summarise(result) });
        return result;
      } catch (error) {
        if (controller.signal.aborted || (error instanceof Error && error.name === 'AbortError')) {
          this.finish(entry, { state: 'cancelled', stage: 'Cancelled' });
          throw new ApiError('CANCELLED', `${spec.label} was cancelled; nothing was changed.`);
        }
        const apiError = toApiError(error);
        this.finish(entry, {
          state: 'failed',
          stage: 'Failed',
          error: { code: apiError.code, message: apiError.message },
        });
        throw apiError;
      }
    })();
    // The caller may never await the outcome (the UI follows events instead).
    outcome.catch(() => undefined);
    entry.outcome = outcome;
    return { jobId, outcome };
  }

  /**
   * The job's full result, for callers that wait instead of following events (the CLI,
   * scripts): the record keeps only a small summary, the outcome keeps everything. Rejects
   * with the job's own sentence when it fails or is cancelled.
   */
  wait(jobId: string): Promise<unknown> {
    const entry = this.jobs.get(jobId);
    if (!entry) {
      return Promise.reject(
        new ApiError(
          'NOT_FOUND',
          `There is no job "${jobId}"; it may have finished and been cleared from the jobs panel.`,
        ),
      );
    }
    return entry.outcome;
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.progress.state !== 'running') return false;
    entry.controller.abort();
    this.update(entry, { stage: 'Cancelling' }, true);
    return true;
  }

  /** Cancel every running job and wait for each to settle (used when a workspace closes). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.progress.state === 'running');
    for (const entry of running) entry.controller.abort();
    await Promise.allSettled(running.map((e) => e.outcome));
  }

  list(): JobProgress[] {
    return [...this.jobs.values()].map((e) => ({ ...e.progress })).sort((a, b) => b.startedAt - a.startedAt);
  }

  clearFinished(): number {
    let removed = 0;
    for (const [id, entry] of this.jobs) {
      if (entry.progress.state !== 'running') {
        this.jobs.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  private update(entry: Entry, update: ProgressUpdate, force = false): void {
    const p = entry.progress;
    if (p.state !== 'running') return;
    if (update.stage !== undefined) p.stage = update.stage;
    if (update.done !== undefined) p.done = update.done;
    if (update.total !== undefined) p.total = update.total;
    if (update.fraction !== undefined)
      p.fraction = update.fraction === null ? null : clamp01(update.fraction);
    else if (p.done !== undefined && p.total) p.fraction = clamp01(p.done / p.total);
    p.etaMs = estimateRemaining(p);
    this.emit(entry, force);
  }

  private finish(entry: Entry, patch: Partial<JobProgress>): void {
    Object.assign(entry.progress, patch, { finishedAt: Date.now(), etaMs: 0 });
    this.emit(entry, true);
    this.trim();
  }

  private emit(entry: Entry, force: boolean): void {
    const now = Date.now();
    if (!force && now - entry.lastEmit < PROGRESS_INTERVAL_MS) {
      entry.trailing ??= setTimeout(
        () => this.emit(entry, true),
        PROGRESS_INTERVAL_MS - (now - entry.lastEmit),
      );
      return;
    }
    if (entry.trailing) clearTimeout(entry.trailing);
    entry.trailing = null;
    entry.lastEmit = now;
    this.events.emit('job.progress', { ...entry.progress });
  }

  private trim(): void {
    const finished = [...this.jobs.values()]
      .filter((e) => e.progress.state !== 'running')
      .sort((a, b) => (b.progress.finishedAt ?? 0) - (a.progress.finishedAt ?? 0));
    for (const stale of finished.slice(FINISHED_KEPT)) this.jobs.delete(stale.progress.jobId);
  }
}

function estimateRemaining(p: JobProgress): number | null {
  if (p.fraction === null || p.fraction <= 0.01) return null;
  const elapsed = Date.now() - p.startedAt;
  return Math.max(0, Math.round((elapsed / p.fraction) * (1 - p.fraction)));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function abortError(): Error {
  const error = new Error('The job was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** Keep only small, JSON-safe results in the job record (the full result goes to the caller). */
function summarise(result: unknown): unknown {
  if (result === undefined || result === null) return undefined;
  try {
    const json = JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    return json.length <= 4096 ? (JSON.parse(json) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
