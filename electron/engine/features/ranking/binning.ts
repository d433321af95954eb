/**
 * Turns a sampled column into a few small integer codes, so mutual information, gain ratio
 * and χ² can count a contingency table: numeric values into equal-frequency bins (one bin
 * per distinct value when there are few), categories into their most frequent levels with
 * the rest sharing one "other" code. Missing values get a code of their own, because
 * "missing" often says something about the target (docs/architecture.md, "Inside the
 * features capability").
 */

/** Codes 0 … `count - 1` per row. */
export interface Binned {
  codes: Int32Array;
  count: number;
}

/** Values the bin edges are read from at most: quantiles of 10k values are plenty for 16 bins. */
const EDGE_VALUES = 10_000;

/**
 * Equal-frequency bins of the finite values (NaN is missing): at most `bins` value bins
 * whose edges are quantiles (of an evenly spaced subset on long columns), ties kept
 * together, plus a missing bin when needed.
 */
export function binNumbers(values: Float64Array, bins: number): Binned {
  const step = Math.max(1, values.length / EDGE_VALUES);
  const subset =
    step > 1 ? Float64Array.from({ length: EDGE_VALUES }, (_, i) => values[Math.floor(i * step)]!) : values;
  const finite = subset.filter((v) => Number.isFinite(v)).sort();
  const edges = quantileEdges(finite, bins);
  const codes = new Int32Array(values.length);
  const missingCode = edges.length + 1;
  let anyMissing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      codes[i] = missingCode;
      anyMissing = true;
      continue;
    }
    // The first edge above v: values equal to an edge belong to the bin that starts there.
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    codes[i] = lo;
  }
  return { codes, count: missingCode + (anyMissing ? 1 : 0) };
}

/** Strictly increasing inner edges splitting sorted values into ≤ `bins` groups of about equal size. */
function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  const m = sorted.length;
  for (let j = 1; j < bins; j++) {
    const edge = sorted[Math.floor((j * m) / bins)];
    // An edge at the minimum would leave its lower bin empty; equal edges would too.
    if (edge === undefined || edge <= sorted[0]! || edge <= (edges.at(-1) ?? -Infinity)) continue;
    edges.push(edge);
  }
  return edges;
}

/**
 * Category codes (−1 missing, `levels` distinct) regrouped so the `bins - 1` most frequent
 * levels keep a code each, the rest share "other", and missing has its own code.
 */
export function binCategories(codes: Int32Array, levels: number, bins: number): Binned {
  const counts = new Float64Array(levels);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) counts[codes[i]!]++;
  const order = Array.from({ length: levels }, (_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const keep = levels <= bins ? levels : bins - 1;
  const mapped = new Int32Array(levels);
  order.forEach((level, rank) => (mapped[level] = Math.min(rank, keep)));
  const other = levels > keep ? 1 : 0;
  const missingCode = keep + other;
  let anyMissing = false;
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) {
      out[i] = missingCode;
      anyMissing = true;
    } else out[i] = mapped[c]!;
  }
  return { codes: out, count: missingCode + (anyMissing ? 1 : 0) };
}
