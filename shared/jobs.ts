/**
 * Jobs contract: every long-running piece of work (imports, profiles, training, pushes)
 * returns an id at once, streams progress and can be cancelled (see docs/architecture.md,
 * "The flow of one call").
 */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';

export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobProgress {
  jobId: string;
  /** Kind of work, e.g. "import", "profile", "train". */
  kind: string;
  /** What the job is working on, for people: "Importing flights.csv". */
  label: string;
  state: JobState;
  /** 0..1, or null while the total is unknown. */
  fraction: number | null;
  /** The current stage, for people: "Reading rows". */
  stage: string;
  /** Units processed so far and in total, when meaningful (see `unit`). */
  done?: number;
  total?: number;
  unit?: 'rows' | 'bytes' | 'iterations' | 'columns' | 'files';
  /** Milliseconds since the epoch. */
  startedAt: number;
  finishedAt?: number;
  /** Estimated milliseconds remaining, from the rate so far; null while unknown. */
  etaMs: number | null;
  /** Set when state is "failed". */
  error?: { code: string; message: string };
  /** Set when state is "succeeded": what the job produced (a dataset version, a run id …). */
  result?: unknown;
}

/** Brands a job's answer with the type of its result; never a real property, never sent. */
declare const jobResult: unique symbol;

/**
 * What a method that starts a job answers at once: the job's id. `Result` is what the job
 * produces, which `jobs.wait` (and `runJob` in run-job.ts) resolves to; it exists for the
 * compiler only. `Id` is `string | null` for methods that may answer from a cache instead.
 */
export interface JobStarted<Result, Id extends string | null = string> {
  jobId: Id;
  readonly [jobResult]?: Result;
}

/** A method that starts a job producing `Result`; `Extra` is what else it answers at once. */
export type JobMethod<Req, Result, Extra extends object = Record<never, never>> = Method<
  Req,
  JobStarted<Result> & Extra
>;

/** The result type a job-starting method's answer carries; `unknown` for an unbranded `{ jobId }`. */
export type JobResultOf<Response> = Response extends { readonly [jobResult]?: infer R } ? R : unknown;

export interface JobsApi {
  /** Running and recently finished jobs, newest first. */
  'jobs.list': Method<Record<string, never>, JobProgress[]>;
  /** Ask a running job to stop; it ends in state "cancelled" and leaves nothing behind. */
  'jobs.cancel': Method<{ jobId: string }, { cancelled: boolean }>;
  /** Forget finished jobs (the panel's "Clear"). */
  'jobs.clearFinished': Method<Record<string, never>, { removed: number }>;
  /**
   * Wait for a job and answer with everything it produced (the job record keeps only a
   * small summary); fails with the job's own sentence when it fails or is cancelled. A
   * job is found while it runs and until it is cleared from the panel.
   */
  'jobs.wait': Method<{ jobId: string }, unknown>;
}

export const jobsRequests = defineRequests<JobsApi>()({
  'jobs.list': z.strictObject({}),
  'jobs.cancel': z.strictObject({ jobId: z.string().min(1).max(100) }),
  'jobs.clearFinished': z.strictObject({}),
  'jobs.wait': z.strictObject({ jobId: z.string().min(1).max(100) }),
});
