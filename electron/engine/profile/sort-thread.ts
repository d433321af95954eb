/**
 * The profile's sort thread. Sorting and summarising a near-unique column (one to two
 * tenths of a second per million values, summarise-numbers.ts) is the profile's largest
 * piece of JavaScript; on the main thread it queued behind, and held up, everything else
 * the main thread does: reading results, handing connections their next statement, the
 * association matrices. Here the values travel (transferred, not copied) to a worker
 * (sort-worker.ts; the pool takes more, the statistics stage starts one) that sorts column after
 * column on the second core while the main thread and DuckDB go on. The value buffers
 * are pooled and bounded (MAX_BUFFERS), so at most that many columns are in memory at
 * once however wide the table.
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
import { siblingWorkerUrl, startWorker } from '../core/worker-start';
import { yieldToEventLoop } from './sample';
import { SortScratch } from './sort-numbers';
import { type NumberSummary, summariseNumbers } from './summarise-numbers';

/** Columns read and not yet summarised, at most (one sorting per worker, the next ones ready). */
const MAX_BUFFERS = 4;

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

/** One sort worker and the columns it has been sent. */
interface SortWorker {
  worker: Worker;
  ready: boolean;
  sent: Map<number, Job>;
}

export class SortThread {
  /** Buffers for the main thread's reads; also the bucket arrays of in-thread sorts. */
  private readonly scratch = new SortScratch();
  private workers: SortWorker[] = [];
  private nextId = 0;
  private out = 0;
  private readonly waitingForBuffer: (() => void)[] = [];

  /** Sorts on this thread until `start` adds workers. */
  constructor(workers = 0) {
    this.start(workers);
  }

  /**
   * Starts `workers` more sort workers (ASSAY_PROFILE_THREADS caps the threads, this one
   * included: 1 keeps every sort here, for comparing).
   */
  start(workers: number): void {
    const cap = Number(process.env.ASSAY_PROFILE_THREADS);
    const room = Number.isFinite(cap) && cap >= 1 ? Math.floor(cap) - 1 - this.workers.length : workers;
    const count = Math.min(workers, room);
    const url = count > 0 ? sortWorkerUrl() : null;
    for (let i = 0; url && i < count; i++) this.startWorker(url);
  }

  /** A buffer for at least `n` values, once fewer than MAX_BUFFERS are out. */
  async take(n: number): Promise<Float64Array> {
    for (;;) {
      const buffer = this.tryTake(n);
      if (buffer) return buffer;
      await new Promise<void>((resolve) => this.waitingForBuffer.push(resolve));
    }
  }

  /** A buffer for at least `n` values now, or undefined while MAX_BUFFERS are out. */
  tryTake(n: number): Float64Array | undefined {
    if (this.out >= MAX_BUFFERS) return undefined;
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
   * this reorders and whose buffer returns to the pool), on the ready worker with the
   * fewest columns in hand.
   */
  summarise(buffer: Float64Array, length: number, integer: boolean): Promise<NumberSummary> {
    let target: SortWorker | undefined;
    for (const w of this.workers) if (w.ready && (!target || w.sent.size < target.sent.size)) target = w;
    if (!target) return this.summariseHere(buffer, length, integer);
    const to = target;
    const request: SortRequest = { id: this.nextId++, buffer: buffer.buffer as ArrayBuffer, length, integer };
    return new Promise<NumberSummary>((resolve, reject) => {
      to.sent.set(request.id, { request, resolve, reject });
      to.worker.postMessage(request, [request.buffer]);
    });
  }

  /**
   * Stops the workers. Every summary asked for has normally been awaited by then; one
   * still out fails rather than waiting forever on a worker that is gone.
   */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) {
      for (const job of w.sent.values()) job.reject(new Error('The profile sort thread was closed.'));
      w.sent.clear();
    }
    await Promise.all(workers.map((w) => w.worker.terminate()));
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
    const entry: SortWorker = { worker: startWorker(url), ready: false, sent: new Map() };
    this.workers.push(entry);
    entry.worker.on('message', (reply: SortReply) => this.receive(entry, reply));
    entry.worker.on('error', (error) => this.fail(entry, error));
    entry.worker.on('exit', () => this.fail(entry, new Error('A profile sort thread stopped.')));
  }

  private receive(entry: SortWorker, reply: SortReply): void {
    if ('ready' in reply) {
      entry.ready = true;
      return;
    }
    const job = entry.sent.get(reply.id);
    if (!job) return;
    entry.sent.delete(reply.id);
    this.giveBack(new Float64Array(reply.buffer));
    if ('error' in reply) job.reject(new Error(reply.error));
    else job.resolve(reply.result);
  }

  /**
   * A worker is gone: later columns go to the others (or this thread); those it had
   * (their values went with it) fail the profile, which is what a crash mid-sort should do.
   */
  private fail(entry: SortWorker, error: Error): void {
    if (!this.workers.includes(entry)) return;
    this.workers = this.workers.filter((w) => w !== entry);
    for (const job of entry.sent.values()) {
      this.out--;
      job.reject(error);
    }
    entry.sent.clear();
    for (const wake of this.waitingForBuffer.splice(0)) wake();
  }
}
