/**
 * Sorting one column's finite values in JavaScript, the step every exact statistic of a
 * near-unique number column is read from (see sorted-column.ts and docs/architecture.md,
 * "Inside the profile capability"). A bucket sort over the known [min, max] — one counting pass, one
 * scatter, a few values per bucket sorted by insertion — is two to three times faster than
 * Float64Array.prototype.sort on a million spread-out values; crowded buckets (heavy
 * tails, one far outlier) fall back to the built-in sort, so no input is ever slower than
 * about the built-in sort and every input ends fully sorted.
 */

/** Values per bucket on average: small enough that most buckets need no work at all. */
const VALUES_PER_BUCKET = 4;
/** Buckets holding more than this many values are sorted by the built-in sort. */
const INSERTION_MAX = 48;

/**
 * The working arrays of `sortFinite`, kept from one column to the next: a profile sorts
 * dozens of columns of the same length, and fresh 10–20 MB arrays for each would keep the
 * garbage collector busy. One per profile run (the sorts never overlap: they are
 * synchronous), dropped with it.
 */
export class SortScratch {
  private bucketOf = new Int32Array(0);
  private starts = new Int32Array(0);
  private out = new Float64Array(0);
  /** Value buffers handed back, for the next columns read (one per connection at most). */
  private readonly spare: Float64Array[] = [];

  /** A buffer for at least `n` values (its contents left over from before). */
  takeValues(n: number): Float64Array {
    const i = this.spare.findIndex((b) => b.length >= n);
    return i >= 0 ? this.spare.splice(i, 1)[0] : new Float64Array(n);
  }

  /** Returns a buffer from `takeValues` (or a view of one) once nothing refers to it any more. */
  giveBack(buffer: Float64Array): void {
    const whole = new Float64Array(buffer.buffer, 0, buffer.buffer.byteLength / 8);
    if (this.spare.length < 4) this.spare.push(whole);
  }

  /** Arrays of at least the given lengths; their contents are left over from before. */
  take(n: number, buckets: number): { bucketOf: Int32Array; starts: Int32Array; out: Float64Array } {
    if (this.bucketOf.length < n) {
      this.bucketOf = new Int32Array(n);
      this.out = new Float64Array(n);
    }
    if (this.starts.length < buckets + 1) this.starts = new Int32Array(buckets + 1);
    return { bucketOf: this.bucketOf, starts: this.starts, out: this.out };
  }
}

/**
 * `values` (finite, none NaN) in ascending order; `min` and `max` are their extremes. The
 * result may live in `scratch` (valid until its next use) or in `values` itself. −0 and +0
 * may end up in either order; they are equal values to every caller.
 */
export function sortFinite(
  values: Float64Array,
  min: number,
  max: number,
  scratch: SortScratch,
): Float64Array {
  const n = values.length;
  const buckets = Math.max(1, Math.floor(n / VALUES_PER_BUCKET));
  const scale = (buckets - 1) / (max - min);
  if (n < 64 || !(scale > 0) || !Number.isFinite(scale)) return values.sort();
  // floor((v − min)·scale) is monotone in v, so each bucket holds a contiguous run of the
  // sorted values and the buckets only need sorting inside.
  const taken = scratch.take(n, buckets);
  const starts = taken.starts.subarray(0, buckets + 1).fill(0);
  const bucketOf = taken.bucketOf;
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.floor((values[i] - min) * scale));
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  // Scatter with starts[b] as bucket b's next free slot: afterwards starts[b] is where
  // bucket b ends, so bucket b spans [starts[b − 1], starts[b]) (from 0 for the first).
  const out = taken.out.subarray(0, n);
  for (let i = 0; i < n; i++) out[starts[bucketOf[i]]++] = values[i];
  let lo = 0;
  for (let b = 0; b < buckets; b++) {
    const hi = starts[b];
    if (hi - lo > INSERTION_MAX) out.subarray(lo, hi).sort();
    else if (hi - lo > 1) insertionSort(out, lo, hi);
    lo = hi;
  }
  return out;
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
