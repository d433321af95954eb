/**
 * Leaf-ordered rows for quantised training (docs/architecture.md, "Inside training").
 * Gathering a leaf's rows through an index array makes every histogram read a cache
 * miss once leaves get sparse, which is most of the histogram time on large data. So
 * when a leaf is split, its rows' packed bins and packed gradients are moved, stably,
 * into the left and right halves of its range in a second buffer; every histogram then
 * streams a contiguous block. Buffer 0 is the original order (the root when there is no
 * row sampling); leaves alternate between buffers 1 and 2, and since leaf ranges never
 * overlap, one leaf's move cannot disturb another's rows.
 */
import type { PackedBins } from './histogram';

/** What a thread needs to move rows between leaf buffers. */
export interface LeafBuffers {
  bytes: Uint8Array[];
  pv: Float64Array[];
  words: Int32Array[];
  wordOff: Int32Array;
  wordWidth: Int32Array;
}

/** The histogram worker's side of a two-thread partition (see hist-threads.ts). */
export interface PartitionHelper {
  /** Starts counting the lefts of positions [start, end). */
  count(src: number, start: number, end: number, off: number, W: number): void;
  /** Waits for the count and returns it. */
  result(): number;
  /** Starts moving positions [start, end) with left/right cursors l and r. */
  move(src: number, start: number, end: number, l: number, r: number, off: number, W: number): void;
  /** Waits for the move. */
  finish(): void;
}

/** Rows among positions [start, end) whose split byte (at `off + p·W`) goes left. */
export function countLeft(
  bytes: Uint8Array,
  off: number,
  W: number,
  start: number,
  end: number,
  goLeft: Uint8Array,
): number {
  let nl = 0;
  for (let p = start, o = off + start * W; p < end; p++, o += W) nl += goLeft[bytes[o]];
  return nl;
}

/**
 * Moves positions [start, end) of buffer `src` to the other buffer: lefts from cursor `l`,
 * rights from cursor `r`, in order; row ids go to `scratch` at their new positions.
 * One pass over the rows, copying whole rows (int32 words), the fewest memory passes.
 */
export function moveRows(
  b: LeafBuffers,
  src: number,
  start: number,
  end: number,
  l: number,
  r: number,
  off: number,
  W: number,
  goLeft: Uint8Array,
  idx: Uint32Array,
  scratch: Uint32Array,
): void {
  const bytes = b.bytes[src];
  const dst = LeafRows.next(src);
  const spv = b.pv[src];
  const dpv = b.pv[dst];
  const sw = b.words[src];
  const dw = b.words[dst];
  const nq = b.wordOff.length;
  const wide = b.wordWidth.every((w) => w === 4);
  for (let p = start, o = off + start * W; p < end; p++, o += W) {
    const to = goLeft[bytes[o]] === 1 ? l++ : r++;
    dpv[to] = spv[p];
    scratch[to] = idx[p];
    if (wide) {
      // 16-feature groups (the common case): four words per group, straight-line.
      for (let q = 0; q < nq; q++) {
        const base = b.wordOff[q];
        const s = base + p * 4;
        const d = base + to * 4;
        dw[d] = sw[s];
        dw[d + 1] = sw[s + 1];
        dw[d + 2] = sw[s + 2];
        dw[d + 3] = sw[s + 3];
      }
    } else {
      for (let q = 0; q < nq; q++) {
        const ww = b.wordWidth[q];
        const s = b.wordOff[q] + p * ww;
        const d = b.wordOff[q] + to * ww;
        for (let w = 0; w < ww; w++) dw[d + w] = sw[s + w];
      }
    }
  }
}

export class LeafRows implements LeafBuffers {
  /** Packed bins of buffers 0 (original order), 1 and 2; same group layout as `PackedBins`. */
  readonly bytes: Uint8Array[];
  /** Packed gradients by position: buffer 0 is indexed by row. */
  readonly pv: Float64Array[];
  readonly words: Int32Array[];
  /** Int32 offset of group q's rows, and its row width in int32 words. */
  readonly wordOff: Int32Array;
  readonly wordWidth: Int32Array;

  constructor(
    private readonly packed: PackedBins,
    pvByRow: Float64Array,
    shared: boolean,
  ) {
    const len = packed.bytes.length;
    const buf = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
      shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    this.bytes = [packed.bytes, new Uint8Array(buf(len)), new Uint8Array(buf(len))];
    this.pv = [pvByRow, new Float64Array(buf(8 * packed.n)), new Float64Array(buf(8 * packed.n))];
    this.words = this.bytes.map((b) => new Int32Array(b.buffer, b.byteOffset, b.length >>> 2));
    this.wordOff = Int32Array.from(packed.byteOffset, (o) => o >>> 2);
    this.wordWidth = Int32Array.from(packed.groups, (gr) => gr.width >>> 2);
  }

  /** The same buffers seen from the histogram worker (shared memory only). */
  static view(packed: PackedBins, bytes: Uint8Array[], pv: Float64Array[]): LeafBuffers {
    return {
      bytes,
      pv,
      words: bytes.map((b) => new Int32Array(b.buffer, b.byteOffset, b.length >>> 2)),
      wordOff: Int32Array.from(packed.byteOffset, (o) => o >>> 2),
      wordWidth: Int32Array.from(packed.groups, (gr) => gr.width >>> 2),
    };
  }

  /** Copies rows idx[0..m) into buffer 1 at positions 0..m (a sampled root); returns 1. */
  gatherRoot(idx: Uint32Array, m: number): number {
    const src = this.words[0];
    const dst = this.words[1];
    const spv = this.pv[0];
    const dpv = this.pv[1];
    const nq = this.wordOff.length;
    for (let p = 0; p < m; p++) {
      const i = idx[p];
      for (let q = 0; q < nq; q++) {
        const ww = this.wordWidth[q];
        const so = this.wordOff[q] + i * ww;
        const d = this.wordOff[q] + p * ww;
        for (let w = 0; w < ww; w++) dst[d + w] = src[so + w];
      }
      dpv[p] = spv[i];
    }
    return 1;
  }

  /**
   * Stable partition of positions [start, end) of buffer `src` into the other buffer by
   * the byte of `feature` (goLeft[bin] = 1: left), moving the row ids in `idx` alike
   * (through `scratch`). Returns how many went left; the rows now live in `LeafRows.next(src)`.
   * `threads`, when given, moves the second half of the rows at the same time.
   */
  partition(
    src: number,
    start: number,
    end: number,
    feature: number,
    goLeft: Uint8Array,
    idx: Uint32Array,
    scratch: Uint32Array,
    threads: PartitionHelper | null = null,
  ): number {
    const groups = this.packed.groups;
    let q = 0;
    while (feature >= groups[q].first + groups[q].width) q++;
    const W = groups[q].width;
    const off = this.packed.byteOffset[q] + (feature - groups[q].first);
    const mid = threads ? (start + end) >>> 1 : end;
    if (threads) threads.count(src, mid, end, off, W);
    const nA = countLeft(this.bytes[src], off, W, start, mid, goLeft);
    const nB = threads ? threads.result() : 0;
    const nl = nA + nB;
    // Lefts of the first half, lefts of the second, rights of the first, rights of the second.
    if (threads) threads.move(src, mid, end, start + nA, start + nl + (mid - start - nA), off, W);
    moveRows(this, src, start, mid, start, start + nl, off, W, goLeft, idx, scratch);
    if (threads) threads.finish();
    idx.set(scratch.subarray(start, end), start);
    return nl;
  }

  /** The buffer a leaf's rows move to when it is split. */
  static next(src: number): number {
    return src === 1 ? 2 : 1;
  }
}
