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
  /** Starts moving positions [start, end) backwards, with left/right cursors l and r. */
  move(src: number, start: number, end: number, l: number, r: number, off: number, W: number): void;
  /** Waits for the move; returns how many of its rows went left. */
  finish(): number;
}

/**
 * Moves positions [start, end) of buffer `src` to the other buffer: lefts from cursor `l`,
 * rights from cursor `r`, in order; row ids go to `scratch` at their new positions.
 * `backward` walks from the last row down and fills both cursors downwards (so a second
 * thread can fill the ends of the two halves without knowing the first thread's count).
 * One pass over the rows, copying whole rows (int32 words). Returns the lefts moved.
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
  backward = false,
): number {
  const bytes = b.bytes[src];
  const dst = LeafRows.next(src);
  const spv = b.pv[src];
  const dpv = b.pv[dst];
  const sw = b.words[src];
  const dw = b.words[dst];
  const nq = b.wordOff.length;
  const wide = b.wordWidth.every((w) => w === 4);
  const step = backward ? -1 : 1;
  const stop = backward ? start - 1 : end;
  let nl = 0;
  for (let p = backward ? end - 1 : start; p !== stop; p += step) {
    const go = goLeft[bytes[off + p * W]];
    const to = go === 1 ? l : r;
    l += go * step;
    r += (1 - go) * step;
    nl += go;
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
  return nl;
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
   * (through `scratch`); `nl` rows go left (the split's exact count from the histogram,
   * which saves a counting pass). The rows then live in `LeafRows.next(src)`. `threads`,
   * when given, moves the second half of the rows at the same time, from the far ends.
   */
  partition(
    src: number,
    start: number,
    end: number,
    feature: number,
    goLeft: Uint8Array,
    idx: Uint32Array,
    scratch: Uint32Array,
    nl: number,
    threads: PartitionHelper | null = null,
  ): void {
    const groups = this.packed.groups;
    let q = 0;
    while (feature >= groups[q].first + groups[q].width) q++;
    const W = groups[q].width;
    const off = this.packed.byteOffset[q] + (feature - groups[q].first);
    const mid = threads ? (start + end) >>> 1 : end;
    // Lefts of the first half, lefts of the second, rights of the first, rights of the second.
    if (threads) threads.move(src, mid, end, start + nl - 1, end - 1, off, W);
    const nA = moveRows(this, src, start, mid, start, start + nl, off, W, goLeft, idx, scratch);
    const nB = threads ? threads.finish() : 0;
    if (nA + nB !== nl) throw new Error(`GBDT partition: ${nA + nB} rows went left, the split counted ${nl}`);
    idx.set(scratch.subarray(start, end), start);
  }

  /** The buffer a leaf's rows move to when it is split. */
  static next(src: number): number {
    return src === 1 ? 2 : 1;
  }
}
