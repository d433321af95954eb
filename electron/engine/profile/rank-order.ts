/**
 * The order of a sample column's values for its Spearman ranks, by a bucket sort of the
 * row indices over [min, max] (as sort-numbers.ts sorts a column's values): one counting
 * pass, one scatter, and an insertion sort inside each bucket, comparing the values the
 * indices point at. On 100k spread-out values that is about a third of the radix sort's
 * four passes over 64k-entry digit tables (association-math.ts), which stays the answer
 * whenever the buckets turn out crowded with different values (heavy tails, outliers):
 * the insertion sorts give up past a fixed budget of moves.
 */

/** Moves the insertion sorts may make, per value, before the radix sort takes over. */
const MOVES_PER_VALUE = 4;

/**
 * Indices of the non-NaN values of `x` in ascending order of value, ties in index order
 * (as the stable radix sort); null when the values are too crowded for buckets.
 */
export function bucketOrder(x: Float64Array): Uint32Array | null {
  let m = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) continue;
    m++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const order = new Uint32Array(m);
  const scale = (m - 1) / (max - min);
  if (m < 2 || !(scale > 0) || !Number.isFinite(scale)) return m < 2 ? fillPresent(x, order) : null;
  const starts = new Int32Array(m + 1);
  const bucketOf = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) continue;
    const b = Math.min(m - 1, Math.floor((v - min) * scale));
    bucketOf[i] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < m; b++) starts[b + 1] += starts[b];
  // Scattering in index order keeps equal values in index order.
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) order[starts[bucketOf[i]]++] = i;
  return insertionSortBuckets(x, order, starts, m) ? order : null;
}

/** The present indices in order (fewer than two values: nothing to sort). */
function fillPresent(x: Float64Array, order: Uint32Array): Uint32Array {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) order[k++] = i;
  return order;
}

/**
 * Sorts each bucket of `order` by value (starts[b] is where bucket b ends after the
 * scatter); false when the moves run past the budget.
 */
function insertionSortBuckets(
  x: Float64Array,
  order: Uint32Array,
  ends: Int32Array,
  buckets: number,
): boolean {
  let budget = MOVES_PER_VALUE * order.length;
  let lo = 0;
  for (let b = 0; b < buckets; b++) {
    const hi = ends[b];
    for (let i = lo + 1; i < hi; i++) {
      const index = order[i];
      const v = x[index];
      let j = i - 1;
      // Strictly greater only: equal values keep their index order.
      while (j >= lo && x[order[j]] > v) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = index;
      budget -= i - 1 - j;
      if (budget < 0) return false;
    }
    lo = hi;
  }
  return true;
}
