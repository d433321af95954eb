/**
 * The profile's sort thread. Sorting and summarising a near-unique column (one to two
 * tenths of a second per million values, summarise-numbers.ts) is the profile's largest
 * piece of JavaScript; on the main thread it queued behind, and held up, everything else
 * the main thread does: reading results, handing connections their next statement, the
 * association matrices. Here the values travel (transferred, not copied) to one worker
 * (sort-worker.ts) that sorts column after column on the second core while the main
 * thread and DuckDB go on. The value buffers are pooled and bounded (MAX_BUFFERS), so at
 * most that many columns are in memory at once however wide the table.
 *
 * Until the worker reports ready (a quarter of a second from source, less from a bundle),
 * columns are sorted on the main thread, which has little else to do that early; a worker
 * that fails to start (a bundle built without its entry) leaves every sort there, with the
 * same results, as does a table too small to pay for a thread.
 *
 * Entry: `sort-worker.ts` beside this file under tsx; from a bundle,
 * `profile-sort-worker.js` next to the bundle (or one folder up).
 */
import type { Worker } from 'node:worker_threads';
import { siblingWorkerUrl, startWorker } from '../training/learners/worker-start';
import { yieldToEventLoop } from './sample';
import { SortScratch } from './sort-numbers';
import { type NumberSummary, summariseNumbers } from './summarise-numbers';

/** Columns read and not yet summarised, at most (one sorting, the next ones ready). */
const MAX_BUFFERS = 3;

export interface SortRequest {
  id: number;
  buffer: ArrayBuffer;
  length: number;
  integer: boolean;
}

export type SortReply =
  | { ready: true }
  | { id: number; buffer: ArrayBuffer; result: NumberSummary }
  | { id: number; buffer: ArrayBuffer; error: string };

interface Job {
  request: SortRequest;
  resolve: (result: NumberSummary) => void;
  reject: (error: Error) => void;
}

/** Where the worker entry is, or null when a bundle was built without it. */
export function sortWorkerUrl(base: string = import.meta.url): URL | null {
  return siblingWorkerUrl(base, './sort-worker.ts', 'profile-sort-worker.js');
}

export class SortThread {
  /** Buffers for the main thread's reads; also the bucket arrays of in-thread sorts. */
  private readonly scratch = new SortScratch();
  private worker: Worker | null = null;
  private ready = false;
  private readonly sent = new Map<number, Job>();
  private nextId = 0;
  private out = 0;
  private readonly waitingForBuffer: (() => void)[] = [];

  /**
   * `threaded`: start the worker (false keeps every sort on this thread, as does
   * ASSAY_PROFILE_THREADS=1, for comparing the two).
   */
  constructor(threaded: boolean) {
    const url = threaded && process.env.ASSAY_PROFILE_THREADS !== '1' ? sortWorkerUrl() : null;
    if (url) this.startWorker(url);
  }

  /** A buffer for at least `n` values, once fewer than MAX_BUFFERS are out. */
  async take(n: number): Promise<Float64Array> {
    while (this.out >= MAX_BUFFERS) await new Promise<void>((resolve) => this.waitingForBuffer.push(resolve));
    this.out++;
    return this.scratch.takeValues(n);
  }

  /** Returns a buffer from `take` that will not be summarised. */
  giveBack(buffer: Float64Array): void {
    this.scratch.giveBack(buffer);
    this.out--;
    this.waitingForBuffer.shift()?.();
  }

  /**
   * The statistics of the first `length` values of `buffer` (from `take`, whose contents
   * this reorders and whose buffer returns to the pool).
   */
  summarise(buffer: Float64Array, length: number, integer: boolean): Promise<NumberSummary> {
    if (!this.worker || !this.ready) return this.summariseHere(buffer, length, integer);
    const request: SortRequest = { id: this.nextId++, buffer: buffer.buffer as ArrayBuffer, length, integer };
    return new Promise<NumberSummary>((resolve, reject) => {
      const job = { request, resolve, reject };
      this.sent.set(request.id, job);
      this.worker!.postMessage(request, [request.buffer]);
    });
  }

  /** Stops the worker (every summary asked for has been awaited by then). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private async summariseHere(
    buffer: Float64Array,
    length: number,
    integer: boolean,
  ): Promise<NumberSummary> {
    // Other callbacks (finished statements waiting to hand on their connection) go first.
    await yieldToEventLoop();
    try {
      return summariseNumbers({ values: buffer.subarray(0, length) }, integer, this.scratch);
    } finally {
      this.giveBack(buffer);
    }
  }

  private startWorker(url: URL): void {
    const worker = startWorker(url);
    this.worker = worker;
    worker.on('message', (reply: SortReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('The profile sort thread stopped.')));
  }

  private receive(reply: SortReply): void {
    if ('ready' in reply) {
      this.ready = true;
      return;
    }
    const job = this.sent.get(reply.id);
    if (!job) return;
    this.sent.delete(reply.id);
    this.giveBack(new Float64Array(reply.buffer));
    if ('error' in reply) job.reject(new Error(reply.error));
    else job.resolve(reply.result);
  }

  /**
   * The worker is gone: later columns are sorted here; those it had (their values went
   * with it) fail the profile, which is what a crash mid-sort should do.
   */
  private fail(error: Error): void {
    if (!this.worker) return;
    this.worker = null;
    for (const job of this.sent.values()) {
      this.out--;
      job.reject(error);
    }
    this.sent.clear();
    for (const wake of this.waitingForBuffer.splice(0)) wake();
  }
}
