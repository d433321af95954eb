/**
 * A second thread for tree-ensemble prediction. `predictSync` is synchronous, so as in
 * hist-threads.ts the main thread hands a job over through shared memory and blocks on
 * an Int32Array with Atomics until the worker is done. A model is posted to the worker
 * once (the flattened trees, structured-cloned); the worker compiles and warms its own
 * copy and then marks it ready, and only from then on do large batches split their rows
 * between the two threads. Each row is scored entirely by one thread with the same
 * compiled code, so results are bit-identical to the single-thread path.
 *
 * Entry: `predict-worker.ts` beside this file under tsx; from a bundle,
 * `gbdt-predict-worker.js` next to the bundle (or one folder up).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { siblingWorkerUrl, startWorker } from '../../../core/worker-start';
import type { FlatTrees } from './flat-trees';
import { waitForWorker, type BarrierOptions } from './worker-barrier';

const SEQ = 0;
const DONE = 1;
/** Id of the latest model the worker has compiled and warmed (it keeps the last WORKER_MODELS). */
const MODEL = 2;
const FAILED = 3;
export const PREDICT_CONTROL = { SEQ, DONE, MODEL, FAILED } as const;
/** A prediction worker that fails may not post DONE, so watch FAILED while waiting; allow a minute. */
const PREDICT_BARRIER: BarrierOptions = { spins: 0, watchFailed: true, maxSleeps: 60 };

export interface PredictModelMessage {
  type: 'model';
  id: number;
  trees: FlatTrees;
  missingBin: Int32Array;
  outWidth: number;
  weight: number;
}

export interface PredictJobMessage {
  type: 'job';
  id: number;
  /** Column-major, `d` columns of `n` rows. */
  x: SharedArrayBuffer;
  out: SharedArrayBuffer;
  n: number;
  d: number;
}

export interface PredictWorkerData {
  ctrl: SharedArrayBuffer;
  port: MessagePort;
}

/** Where the worker entry is, or null when a bundle was built without it. */
export function predictWorkerUrl(base: string = import.meta.url): URL | null {
  return siblingWorkerUrl(base, './predict-worker.ts', 'gbdt-predict-worker.js');
}

/** Models the worker keeps compiled (ids are consecutive; the oldest is dropped). */
export const WORKER_MODELS = 4;

/** Batches at least this large are split between the two threads. */
export const THREAD_MIN_ROWS = 50_000;

export class PredictThread {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(16));
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private seq = 0;
  private nextId = 1;
  /** Jobs the worker has completed (for tests and diagnostics). */
  jobsDone = 0;
  private broken = false;
  private x = new Float64Array(new SharedArrayBuffer(8));
  private out = new Float64Array(new SharedArrayBuffer(8));

  private static instance: PredictThread | null | undefined;

  /** The shared helper thread, or null when this machine has one core or no worker entry. */
  static get(): PredictThread | null {
    if (PredictThread.instance !== undefined) return PredictThread.instance;
    const env = Number(process.env.ASSAY_GBDT_THREADS);
    const threads = Number.isFinite(env) && env >= 1 ? Math.floor(env) : availableParallelism();
    const url = threads > 1 ? predictWorkerUrl() : null;
    let inst: PredictThread | null = null;
    if (url) {
      inst = new PredictThread();
      if (!inst.start(url)) inst = null;
    }
    PredictThread.instance = inst;
    return inst;
  }

  private start(url: URL): boolean {
    const channel = new MessageChannel();
    const data: PredictWorkerData = { ctrl: this.ctrl.buffer as SharedArrayBuffer, port: channel.port2 };
    try {
      this.worker = startWorker(url, { workerData: data, transferList: [channel.port2] });
    } catch {
      return false;
    }
    this.port = channel.port1;
    this.port.unref();
    this.worker.on('error', () => {
      this.broken = true;
    });
    this.worker.unref();
    return true;
  }

  /** Posts a model for the worker to compile; returns its id (check `ready(id)`). */
  load(trees: FlatTrees, missingBin: Int32Array, outWidth: number, weight: number): number {
    const id = this.nextId++;
    const msg: PredictModelMessage = { type: 'model', id, trees, missingBin, outWidth, weight };
    this.port?.postMessage(msg);
    return id;
  }

  /** Blocks up to `timeoutMs` for model `id` to be ready on the worker. */
  waitReady(id: number, timeoutMs: number): boolean {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.ready(id)) return true;
      if (this.broken || Atomics.load(this.ctrl, FAILED) !== 0 || Date.now() >= until) return false;
      const cur = Atomics.load(this.ctrl, MODEL);
      Atomics.wait(this.ctrl, MODEL, cur, Math.max(1, Math.min(20, until - Date.now())));
    }
  }

  ready(id: number): boolean {
    const latest = Atomics.load(this.ctrl, MODEL);
    return (
      !this.broken && Atomics.load(this.ctrl, FAILED) === 0 && id <= latest && id > latest - WORKER_MODELS
    );
  }

  /**
   * Scores rows [r0, r1) of X on the worker, starting from `init` per row; returns a
   * function that waits and writes them into `out` (false when the worker failed).
   */
  dispatch(
    id: number,
    X: Float64Array[],
    r0: number,
    r1: number,
    init: Float64Array,
    outWidth: number,
  ): (out: Float64Array) => boolean {
    const n = r1 - r0;
    const d = X.length;
    if (this.x.length < n * d) this.x = new Float64Array(new SharedArrayBuffer(n * d * 8));
    if (this.out.length < n * outWidth) this.out = new Float64Array(new SharedArrayBuffer(n * outWidth * 8));
    for (let f = 0; f < d; f++) this.x.set(X[f].subarray(r0, r1), f * n);
    this.out.set(init.subarray(r0 * outWidth, r1 * outWidth));
    const msg: PredictJobMessage = {
      type: 'job',
      id,
      x: this.x.buffer as SharedArrayBuffer,
      out: this.out.buffer as SharedArrayBuffer,
      n,
      d,
    };
    this.port?.postMessage(msg);
    const seq = ++this.seq;
    Atomics.store(this.ctrl, SEQ, seq);
    Atomics.notify(this.ctrl, SEQ);
    return (out) => {
      if (!this.wait(seq)) return false;
      this.jobsDone++;
      out.set(this.out.subarray(0, n * outWidth), r0 * outWidth);
      return true;
    };
  }

  private wait(seq: number): boolean {
    const ok = waitForWorker(this.ctrl, { done: DONE, failed: FAILED }, seq, PREDICT_BARRIER);
    if (!ok) this.broken = true;
    return ok;
  }
}
