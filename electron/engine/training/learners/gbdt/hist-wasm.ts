/**
 * WebAssembly for the quantised training loops (histogram kernels, partition, leaf sums,
 * gradient peaks, quantisation) over one linear memory that holds the packed and
 * column-major bins, the row indices and partition scratch, the gradients, the packed
 * gradients and each thread's scratch histogram. The JavaScript kernels spend a bounds
 * check and an index computation on each of the 16 read-modify-writes a row; WebAssembly
 * addresses with constant offsets and no checks. On the benchmark's 1M-row bins the two
 * 16-wide groups took 16.4 instead of 21.8–23.5 ns a row on whole nodes and 26.6 instead
 * of 32 on a 30% subset; the partition step ran about 40% faster. The arithmetic is the
 * JavaScript's, in the same order, so every result is the same bits.
 *
 * The module is assembled in wasm-assembler.ts rather than shipped as a binary, so the
 * bundle needs no extra file. Without WebAssembly (or for data past its 4 GiB) histArena
 * returns null and the JavaScript loops run instead; ASSAY_GBDT_WASM=0 forces them.
 */
import { assemble } from './wasm-assembler';

/**
 * The slice of the WebAssembly API used here (the project's TypeScript libs do not
 * declare it; Node and Electron provide it as a global).
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** One histogram kernel: group width W; every argument is a byte address in the memory. */
export type WasmKernel = (
  acc: number,
  rows: number,
  idx: number,
  start: number,
  end: number,
  pv: number,
) => void;

/**
 * partitionRows on column-major bins (one byte a row): rows idx[start..end) whose bin
 * `bins[i]` has table[bin] = 1 stay in idx from `start` on, the others go in order to
 * scratch from `start`; returns how many went left. Byte addresses, row positions.
 */
export type WasmPartition = (
  idx: number,
  scratch: number,
  start: number,
  end: number,
  bins: number,
  table: number,
) => number;

/** leafSums of one leaf: Σg, Σh over rows idx[start..end) into the doubles at `out`. */
export type WasmSums = (g: number, h: number, idx: number, start: number, end: number, out: number) => void;
/** gradientPeaks: max |g|, max h over rows idx[start..end) into the doubles at `out`. */
export type WasmPeaks = WasmSums;
/** quantizeRange: steps as doubles, integer sums [Σgq, Σhq] into the doubles at `out`. */
export type WasmQuantize = (
  g: number,
  h: number,
  idx: number,
  start: number,
  end: number,
  salt: number,
  invG: number,
  invH: number,
  pv: number,
  out: number,
) => void;

export interface WasmKernels {
  memory: WasmMemory;
  /**
   * Two doubles in the memory where this thread's sums/peaks/quantize write their
   * results: the thread's scratch histogram, free between histogram builds. Set by the owner.
   */
  io?: Float64Array;
  sums: WasmSums;
  peaks: WasmPeaks;
  quantize: WasmQuantize;
  /**
   * Kernel for groups of width W whose first `lanes` features exist: hist(W, lanes). A
   * padding lane adds every row to one slot, a chain of dependent adds that held back the
   * last group, so the kernels skip them.
   */
  hist(W: 16 | 8 | 4, lanes: number): WasmKernel;
  partition: WasmPartition;
}

const PAGE = 65536;
const MAX_PAGES = 65536;

/** Bump allocator over one (shared, when a worker reads it) WebAssembly memory sized up front. */
export class HistArena {
  private used = 0;
  constructor(readonly memory: WasmMemory) {}

  private take(bytes: number): number {
    const at = this.used;
    this.used += Math.ceil(bytes / 16) * 16; // 16-byte aligned, so every view type fits
    if (this.used > this.memory.buffer.byteLength) throw new Error('histogram arena overflow');
    return at;
  }

  bytes(n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, this.take(n), n);
  }
  u32(n: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.take(4 * n), n);
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.memory.buffer, this.take(8 * n), n);
  }
}

/**
 * An arena of `bytes` (plus alignment slack for `regions` allocations), or null when
 * WebAssembly is missing or the size is past its reach.
 */
export function histArena(bytes: number, regions: number, shared: boolean): HistArena | null {
  const pages = Math.ceil((bytes + 16 * regions) / PAGE);
  if (!wasm || pages > MAX_PAGES) return null;
  try {
    return new HistArena(new wasm.Memory({ initial: pages, maximum: pages, shared }));
  } catch {
    return null; // no shared wasm memory here: the JavaScript kernels serve
  }
}

/** This thread's instance of the kernels over `memory`, or null when it cannot be built. */
export function wasmKernels(memory: WasmMemory): WasmKernels | null {
  if (!wasm) return null;
  try {
    const shared = memory.buffer instanceof SharedArrayBuffer;
    const pages = memory.buffer.byteLength / PAGE;
    const module = new wasm.Module(assemble(shared, pages));
    const e = new wasm.Instance(module, { env: { mem: memory } }).exports;
    const k = e as Record<string, WasmKernel>;
    return {
      memory,
      hist: (W, lanes) => k[`hist${W}_${Math.min(W, lanes)}`],
      partition: e.part as WasmPartition,
      sums: e.sums as WasmSums,
      peaks: e.peaks as WasmPeaks,
      quantize: e.quantize as WasmQuantize,
    };
  } catch {
    return null;
  }
}

/** True when every view lies in the kernels' memory (otherwise the JavaScript kernels run). */
export function inMemory(k: WasmKernels, ...views: ArrayBufferView[]): boolean {
  const b = k.memory.buffer;
  return views.every((v) => v.buffer === b);
}
