/**
 * Where a tree grower's row buffers live. Quantised training keeps its hot arrays (packed
 * and column-major bins, row indices, partition scratch, gradients, packed gradients and
 * both threads' scratch histograms) in one WebAssembly memory for the WebAssembly loops
 * (hist-wasm.ts), shared when the histogram worker reads it; otherwise plain or shared
 * typed arrays, as before. ASSAY_GBDT_WASM=0 keeps the JavaScript loops, for comparisons.
 */
import type { BinnedMatrix } from './binning';
import { sharedFloat64, sharedUint32, type SharedRows } from './hist-threads';
import { histArena, wasmKernels } from './hist-wasm';
import { packBins, packedSize, SLOT, type HistLayout, type PackedBins } from './histogram';
import { packedScratch } from './quantized';

export interface GrowerMemory {
  /** K = 1: the row-major feature groups (with this thread's WebAssembly kernels, if any). */
  packed: PackedBins | null;
  rows: SharedRows;
  /** Quantised training: this thread's packed scratch histogram. */
  qScratch: Float64Array | null;
}

export function growerMemory(
  data: BinnedMatrix,
  layout: HistLayout,
  fast: boolean,
  quantized: boolean,
  shared: boolean,
): GrowerMemory {
  const psize = fast ? packedSize(data.n, layout.groups) : 0;
  const useWasm = quantized && process.env.ASSAY_GBDT_WASM !== '0'; // =0: the JavaScript kernels, for comparisons
  const colBytes = data.n * data.d;
  const arenaBytes = psize + colBytes + 32 * data.n + 256 + 2 * 8 * 16 * SLOT;
  const arena = useWasm ? histArena(arenaBytes, 10, shared) : null;
  const kernels = arena ? wasmKernels(arena.memory) : null;
  const wa = kernels ? arena : null;
  const packed = fast ? packBins(data, layout.groups, shared, wa?.bytes(psize)) : null;
  if (packed) packed.kernels = kernels;
  // The partition reads column-major bins: a copy in the arena, for the WebAssembly step.
  const cols = wa ? wa.bytes(colBytes) : null;
  cols?.set(data.bins);
  const rows: SharedRows = shared
    ? {
        idx: wa ? wa.u32(data.n) : sharedUint32(data.n),
        scratch: wa ? wa.u32(data.n) : sharedUint32(data.n),
        goLeft: wa ? wa.bytes(256) : new Uint8Array(new SharedArrayBuffer(256)),
        g: wa ? wa.f64(data.n) : sharedFloat64(data.n),
        h: wa ? wa.f64(data.n) : sharedFloat64(data.n),
        pv: quantized ? (wa ? wa.f64(data.n) : sharedFloat64(data.n)) : undefined,
        scales: quantized ? sharedFloat64(2) : undefined,
        cols: cols ?? (data.bins.buffer instanceof SharedArrayBuffer ? data.bins : undefined),
        workerScratch: wa ? wa.f64(16 * SLOT) : undefined,
      }
    : {
        idx: wa ? wa.u32(data.n) : new Uint32Array(data.n),
        scratch: wa ? wa.u32(data.n) : new Uint32Array(data.n),
        goLeft: wa ? wa.bytes(256) : new Uint8Array(256),
        g: wa ? wa.f64(data.n) : new Float64Array(data.n * layout.K),
        h: wa ? wa.f64(data.n) : new Float64Array(data.n),
        pv: quantized ? (wa ? wa.f64(data.n) : new Float64Array(data.n)) : undefined,
        scales: quantized ? new Float64Array(2) : undefined,
        cols: cols ?? data.bins,
      };
  const qScratch = quantized ? (wa ? wa.f64(16 * SLOT) : packedScratch()) : null;
  if (kernels && qScratch) kernels.io = qScratch;
  return { packed, rows, qScratch };
}
