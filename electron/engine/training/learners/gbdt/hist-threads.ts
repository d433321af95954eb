/**
 * A second thread for histogram building. Training runs synchronously, so the main
 * thread cannot await messages: the worker and the main thread share the packed bins,
 * the row indices, the gradients and an output histogram through SharedArrayBuffers, and
 * hand jobs back and forth through an Int32Array with Atomics (wait/notify). A job is
 * "build the histograms of these feature groups for rows idx[start..end)"; the main
 * thread builds the other groups meanwhile. Each group is built by exactly one thread in
 * row order, so the result is bit-identical to the serial path whoever builds it.
 *
 * The worker starts in the background; until it reports ready (or if it never does, e.g.
 * a bundle without its entry) the main thread simply builds everything itself.
 *
 * Entry: `hist-worker.ts` beside this file under tsx; from a bundle,
 * `gbdt-hist-worker.js` next to the bundle (or one folder up, for bundles in a subfolder).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { siblingWorkerUrl, startWorker } from '../../../core/worker-start';
import type { WasmMemory } from './hist-wasm';
import type { PackedBins } from './histogram';
import { waitForWorker, type BarrierOptions } from './worker-barrier';

/** Control words. */
const SEQ = 0;
const DONE = 1;
const READY = 2;
const CMD = 3;
const START = 4;
const END = 5;
const NQ = 6;
const FAILED = 7;
const LIST = 8;

export const CMD_HIST = 1;
export const CMD_STOP = 2;
/** Take F and y (binary labels) from the port. */
export const CMD_ATTACH = 3;
/** Binary loss and gradients for rows [START, END); the loss sum goes to `result[0]`, the peaks |g|, h to `result[1..2]`. */
export const CMD_LOSS = 4;
/** partitionRows on [START, END) with W = ctrl[NQ], off = ctrl[LIST]; the left count goes to `result[0]`. */
export const CMD_PARTITION = 5;
/** CMD_HIST on quantised gradients: packed values `pv`, scales [gScale, hScale]. */
export const CMD_HIST_Q = 6;
/** gradientPeaks of rows idx[START, END) into `result[0..1]`. */
export const CMD_PEAKS = 7;
/** quantizeRange of rows idx[START, END) with salt ctrl[LIST] and steps `result[0..1]`; the integer sums go back there. */
export const CMD_QUANTIZE = 8;
/**
 * Leaves [START, END) of a grown tree (NQ leaves in all): ranges at out[2l], out[2l+1];
 * CMD_LEAF_SUMS writes each leaf's exact [ΣG, ΣH] to out[2·NQ + 2l ..]; CMD_ADD_SCORES adds
 * out[2·NQ + l] to the attached scores F of the leaf's rows.
 */
export const CMD_LEAF_SUMS = 9;
export const CMD_ADD_SCORES = 10;
export const CONTROL = { SEQ, DONE, READY, CMD, START, END, NQ, FAILED, LIST } as const;

/** Busy-wait this many polls before sleeping on the futex (jobs come in quick bursts). */
export const SPIN = 20_000;
/** Histogram jobs come in bursts: spin first, check FAILED once done, allow two minutes of silence. */
const HIST_BARRIER: BarrierOptions = { spins: SPIN, watchFailed: false, maxSleeps: 120 };

/** Row arrays both threads read; `g`/`h` are indexed by row. */
export interface SharedRows {
  idx: Uint32Array;
  /** Partition scratch (n). */
  scratch: Uint32Array;
  /** Partition table: 1 for bins that go left (256). */
  goLeft: Uint8Array;
  g: Float64Array;
  h: Float64Array;
  /** Quantised training only: packed gradient per row, and [gScale, hScale]. */
  pv?: Float64Array;
  scales?: Float64Array;
  /** Column-major bins (feature f at f·n), for the partition pass; absent: use the packed bins. */
  cols?: Uint8Array;
  /** The worker's packed scratch histogram (quantised training with WebAssembly kernels: in their memory). */
  workerScratch?: Float64Array;
}

export interface HistWorkerData {
  ctrl: SharedArrayBuffer;
  n: number;
  d: number;
  groups: PackedBins['groups'];
  byteOffset: number[];
  laneTop: number[];
  /** Views (not buffers): they may sit at an offset in a WebAssembly memory, `memory`. */
  bins: Uint8Array;
  idx: Uint32Array;
  scratch: Uint32Array;
  goLeft: Uint8Array;
  g: Float64Array;
  h: Float64Array;
  pv: Float64Array | null;
  qScratch: Float64Array | null;
  memory: WasmMemory | null;
  scales: SharedArrayBuffer | null;
  cols: Uint8Array | null;
  out: SharedArrayBuffer;
  result: SharedArrayBuffer;
  port: MessagePort;
}

/** Where the worker entry is, or null when a bundle was built without it. */
export function histWorkerUrl(base: string = import.meta.url): URL | null {
  return siblingWorkerUrl(base, './hist-worker.ts', 'gbdt-hist-worker.js');
}

/** Threads worth using on this machine: 2 when there is a second core, else 1. */
export function defaultThreads(): number {
  const env = Number(process.env.ASSAY_GBDT_THREADS);
  if (Number.isFinite(env) && env >= 1) return Math.min(2, Math.floor(env));
  return availableParallelism() > 1 ? 2 : 1;
}

/** Float64/Uint32 arrays on shared memory (so a worker can see them). */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}
export function sharedUint32(n: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(n * 4));
}

export class HistThreads {
  private readonly ctrl: Int32Array;
  /** The worker writes its groups' histograms here, at their usual offsets. */
  readonly out: Float64Array;
  private worker: Worker | null;
  private seq = 0;
  private ready = false;
  private broken = false;
  private readonly resultBuf = sharedFloat64(3);
  private port: MessagePort | null = null;
  private attached: Float64Array | null = null;

  constructor(packed: PackedBins, rows: SharedRows, histSize: number) {
    this.ctrl = new Int32Array(new SharedArrayBuffer(4 * (LIST + Math.max(2, packed.groups.length))));
    this.out = sharedFloat64(histSize);
    const url = histWorkerUrl();
    const channel = new MessageChannel();
    if (!url) {
      this.worker = null;
      return;
    }
    const data: HistWorkerData = {
      ctrl: this.ctrl.buffer as SharedArrayBuffer,
      n: packed.n,
      d: packed.d,
      groups: packed.groups,
      byteOffset: Array.from(packed.byteOffset),
      laneTop: Array.from(packed.laneTop),
      bins: packed.bytes,
      idx: rows.idx,
      scratch: rows.scratch,
      goLeft: rows.goLeft,
      g: rows.g,
      h: rows.h,
      pv: rows.pv ?? null,
      qScratch: rows.workerScratch ?? null,
      memory: packed.kernels?.memory ?? null,
      scales: (rows.scales?.buffer as SharedArrayBuffer | undefined) ?? null,
      cols: rows.cols ?? null,
      out: this.out.buffer as SharedArrayBuffer,
      result: this.resultBuf.buffer as SharedArrayBuffer,
      port: channel.port2,
    };
    try {
      this.worker = startWorker(url, { workerData: data, transferList: [channel.port2] });
      this.port = channel.port1;
      this.port.unref();
    } catch {
      this.worker = null; // no worker here: the main thread builds everything
      return;
    }
    this.worker.on('error', () => {
      this.broken = true;
    });
    this.worker.unref();
  }

  /** True once the worker has started and can take jobs (checked without blocking). */
  get available(): boolean {
    if (this.broken || !this.worker) return false;
    if (!this.ready) this.ready = Atomics.load(this.ctrl, READY) === 1;
    return this.ready && Atomics.load(this.ctrl, FAILED) === 0;
  }

  /** Blocks up to `timeoutMs` for the worker to start; true when it can take jobs. */
  waitReady(timeoutMs: number): boolean {
    if (!this.worker) return false;
    const until = Date.now() + timeoutMs;
    while (!this.available && !this.broken && Date.now() < until)
      Atomics.wait(this.ctrl, READY, 0, Math.max(1, Math.min(50, until - Date.now())));
    return this.available;
  }

  /** Starts the worker on groups `list` for rows idx[start..end); returns at once. */
  dispatch(list: Int32Array, count: number, start: number, end: number, quantized = false): void {
    const c = this.ctrl;
    c[CMD] = quantized ? CMD_HIST_Q : CMD_HIST;
    c[START] = start;
    c[END] = end;
    c[NQ] = count;
    for (let i = 0; i < count; i++) c[LIST + i] = list[i];
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
  }

  /** Hands the worker the score and label arrays (shared memory only); false when it cannot. */
  attachScores(F: Float64Array, y: Float64Array): boolean {
    if (this.attached === F) return true;
    if (!this.port || !(F.buffer instanceof SharedArrayBuffer) || !(y.buffer instanceof SharedArrayBuffer))
      return false;
    this.port.postMessage({ F: F.buffer, y: y.buffer });
    const c = this.ctrl;
    c[CMD] = CMD_ATTACH;
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
    if (!this.wait()) return false;
    this.attached = F;
    return true;
  }

  /** Starts the binary loss/gradient pass on rows [start, end); returns at once. */
  dispatchLoss(start: number, end: number): void {
    const c = this.ctrl;
    c[CMD] = CMD_LOSS;
    c[START] = start;
    c[END] = end;
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
  }

  /**
   * Starts partitionRows on [start, end) of bytes at `off` with row width `W`: the
   * column-major bins when `columns` (then W = 1), else the packed groups.
   */
  dispatchPartition(start: number, end: number, off: number, W: number, columns: boolean): void {
    const c = this.ctrl;
    c[CMD] = CMD_PARTITION;
    c[START] = start;
    c[END] = end;
    c[NQ] = W;
    c[LIST] = off;
    c[LIST + 1] = columns ? 1 : 0;
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
  }

  /** The loss sum of the last CMD_LOSS job, or the left count of the last CMD_PARTITION. */
  result(): number {
    return this.resultBuf[0];
  }

  /** The result words: the peaks of CMD_PEAKS, the sums of CMD_QUANTIZE, [loss, peaks] of CMD_LOSS. */
  get results(): Float64Array {
    return this.resultBuf;
  }

  /** Starts gradientPeaks on rows idx[start..end); returns at once. */
  dispatchPeaks(start: number, end: number): void {
    this.post(CMD_PEAKS, start, end, 0, 0);
  }

  /** Starts quantizeRange on rows idx[start..end); returns at once. */
  dispatchQuantize(start: number, end: number, salt: number, invG: number, invH: number): void {
    this.resultBuf[0] = invG;
    this.resultBuf[1] = invH;
    this.post(CMD_QUANTIZE, start, end, 0, salt);
  }

  /**
   * Starts a per-leaf job (CMD_LEAF_SUMS or CMD_ADD_SCORES) on leaves [from, to) of
   * `nLeaves`, whose ranges and values the caller has put in `out` (see the commands).
   */
  dispatchLeaves(cmd: number, from: number, to: number, nLeaves: number): void {
    this.post(cmd, from, to, nLeaves, 0);
  }

  private post(cmd: number, start: number, end: number, nq: number, list: number): void {
    const c = this.ctrl;
    c[CMD] = cmd;
    c[START] = start;
    c[END] = end;
    c[NQ] = nq;
    c[LIST] = list;
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
  }

  /** Waits for the last job; false when the worker failed (the caller then builds those groups itself). */
  wait(): boolean {
    const ok = waitForWorker(this.ctrl, { done: DONE, failed: FAILED }, this.seq, HIST_BARRIER);
    if (!ok) this.broken = true;
    return ok;
  }

  /** Tells the worker to finish; it exits on its own. */
  close(): void {
    if (!this.worker) return;
    const c = this.ctrl;
    c[CMD] = CMD_STOP;
    Atomics.store(c, SEQ, ++this.seq);
    Atomics.notify(c, SEQ);
    this.worker = null;
    this.port?.close();
    this.port = null;
  }
}
