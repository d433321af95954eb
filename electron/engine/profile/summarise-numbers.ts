/**
 * The statistics of a near-unique number column from its values (see sorted-column.ts and
 * docs/architecture.md, "Inside the profile capability"): one tally, one sort
 * (sort-numbers.ts) and one pass over the sorted values give, exactly, what the wide
 * aggregate and the value counts would have: counts, ±∞, zeros, negatives, min/max, sum
 * and power sums, the distinct count, top values, extremes, singletons, quantiles
 * (quantile_cont's interpolation), MAD and the histogram on the distributions stage's
 * grid. Plain computation over a Float64Array with no DuckDB, so the profile's sort
 * thread (sort-worker.ts) runs it off the main thread.
 */
import type { ValueCount } from '../../../shared/profile';
import { QUANTILE_PROBS, type RawColumnStats, interpolate } from './column-stats';
import { autoBinCount } from './histograms';
import type { PowerSums } from './moments';
import { type SortScratch, sortFinite } from './sort-numbers';
import { FULL_COUNTS_MAX, type ValueSummary } from './value-counts';
import { toProfileValue } from './values';

/** A column's non-NULL values (NaN and ±∞ kept), in any order; reordered by `summariseNumbers`. */
export interface ColumnNumbers {
  values: Float64Array;
}

/** What `summariseNumbers` returns: the wide aggregate's and the value counts' share. */
export interface NumberSummary {
  raw: RawColumnStats;
  summary: ValueSummary;
}

const TOP_K = 10;
const EXTREMES = 5;

/** One pass over the values: what the wide aggregate computes, in the same terms. */
interface Tally {
  nan: number;
  negInf: number;
  posInf: number;
  zeros: number;
  negatives: number;
  min: number;
  max: number;
  sum: number;
  finite: Float64Array;
}

/** Moves the finite values to the front of `values` (which it owns) as it goes. */
function tally(values: Float64Array): Tally {
  const finite = values;
  let f = 0;
  let nan = 0;
  let negInf = 0;
  let posInf = 0;
  let zeros = 0;
  let negatives = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // The finite values first, with one test (v − v is NaN for NaN and ±∞).
    if (v - v === 0) {
      finite[f++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      if (v <= 0) {
        if (v === 0) zeros++;
        else negatives++;
      }
    } else if (v !== v) nan++;
    else if (v > 0) posInf++;
    else {
      negInf++;
      negatives++;
    }
  }
  return { nan, negInf, posInf, zeros, negatives, min, max, sum, finite: finite.subarray(0, f) };
}

/** The statistics of one column from its values; `integer` as the column's bins rule. */
export function summariseNumbers(
  numbers: ColumnNumbers,
  integer: boolean,
  scratch: SortScratch,
): NumberSummary {
  const t = tally(numbers.values);
  const count = numbers.values.length - t.nan;
  const sorted = t.finite.length > 0 ? sortFinite(t.finite, t.min, t.max, scratch) : t.finite;
  const f = sorted.length;
  const quantiles = sortedQuantiles(sorted);
  const p25 = quantiles[1];
  const p75 = quantiles[3];
  const iqr = p25 !== null && p75 !== null ? p75 - p25 : null;
  const bins = f > 0 ? autoBinCount(f, t.min, t.max, iqr, integer) : 0;
  const runs = new RunReader(count);
  if (t.negInf > 0) runs.add(-Infinity, t.negInf);
  const pass = scanSorted(sorted, f > 0 ? t.sum / f : 0, bins, runs);
  if (t.posInf > 0) runs.add(Infinity, t.posInf);
  const summary = runs.summary();
  summary.quantiles = quantiles;
  if (f > 0) summary.histogram = { min: t.min, max: t.max, bins, counts: pass.histogram };
  const raw: RawColumnStats = {
    count,
    nan: t.nan,
    distinct: summary.distinct,
    numeric: {
      infinite: t.negInf + t.posInf,
      zeros: t.zeros,
      negatives: t.negatives,
      finiteCount: f,
      min: f > 0 ? t.min : null,
      max: f > 0 ? t.max : null,
      sum: f > 0 ? t.sum : null,
      powerSums: pass.powerSums,
      quantiles,
      mad: sortedMad(sorted, quantiles[2]),
    },
  };
  return { raw, summary };
}

/**
 * The power sums about `shift` and the runs of equal values (into `runs`) of the sorted
 * finite values; then the histogram counts (`binSorted`). Two plain loops rather than one
 * with a branch per value: the sums' loop is pure arithmetic, and the runs' loop spends
 * almost nothing on the singletons that make up a near-unique column.
 */
function scanSorted(
  sorted: Float64Array,
  shift: number,
  bins: number,
  runs: RunReader,
): { powerSums: PowerSums; histogram: number[] } {
  const f = sorted.length;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < f; i++) {
    const d = sorted[i] - shift;
    const e = d * d;
    s1 += d;
    s2 += e;
    s3 += e * d;
    s4 += e * e;
  }
  runs.addSorted(sorted);
  return { powerSums: { n: f, shift, s1, s2, s3, s4 }, histogram: binSorted(sorted, bins) };
}

/**
 * Histogram counts of sorted values on the grid `binIndexSql` describes, with its
 * arithmetic (so the distributions stage takes them as its own). The bin index only grows
 * along the sorted values, so each bin's end is found by binary search.
 */
function binSorted(sorted: Float64Array, bins: number): number[] {
  const f = sorted.length;
  const counts = new Array<number>(Math.max(1, bins)).fill(0);
  const min = sorted[0];
  const width = f > 0 ? (sorted[f - 1] - min) / bins : 0;
  if (!(bins > 1 && width > 0)) {
    counts[0] = f;
    return counts;
  }
  const binOf = (v: number): number => Math.min(Math.floor((v - min) / width), bins - 1);
  let start = 0;
  for (let b = 0; b < bins; b++) {
    // The first index past `start` whose bin is beyond b.
    let lo = start;
    let hi = f;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binOf(sorted[mid]) <= b) lo = mid + 1;
      else hi = mid;
    }
    counts[b] = lo - start;
    start = lo;
  }
  return counts;
}

/** QUANTILE_PROBS of sorted finite values, with quantile_cont's interpolation. */
function sortedQuantiles(sorted: Float64Array): (number | null)[] {
  const n = sorted.length;
  if (n === 0) return QUANTILE_PROBS.map(() => null);
  return QUANTILE_PROBS.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return interpolate(sorted[lo], sorted[Math.min(lo + 1, n - 1)], h - lo);
  });
}

/**
 * DuckDB's mad() of sorted finite values: the median (quantile_cont's) of |v − median|.
 * The deviations below and above the median are two ascending runs read from the middle
 * outwards, so each wanted rank is a k-th smallest of two sorted runs: a binary search.
 */
function sortedMad(sorted: Float64Array, median: number | null): number | null {
  const n = sorted.length;
  if (n === 0 || median === null) return null;
  let split = 0;
  let end = n;
  while (split < end) {
    const mid = (split + end) >>> 1;
    if (sorted[mid] < median) split = mid + 1;
    else end = mid;
  }
  // below(a): the a-th smallest deviation under the median; above(b): over or at it.
  const below = (a: number): number =>
    a < 0 ? -Infinity : a >= split ? Infinity : median - sorted[split - 1 - a];
  const above = (b: number): number =>
    b < 0 ? -Infinity : b >= n - split ? Infinity : sorted[split + b] - median;
  const kth = (k: number): number => {
    // Take `a` deviations from below and k + 1 − a from above; find the a that fits.
    let lo = Math.max(0, k + 1 - (n - split));
    let hi = Math.min(k + 1, split);
    for (;;) {
      const a = (lo + hi) >>> 1;
      const b = k + 1 - a;
      if (a < hi && below(a) < above(b - 1)) lo = a + 1;
      else if (a > lo && above(b) < below(a - 1)) hi = a - 1;
      else return Math.max(below(a - 1), above(b - 1));
    }
  };
  const h = (n - 1) * 0.5;
  const lo = Math.floor(h);
  return h === lo ? kth(lo) : interpolate(kth(lo), kth(lo + 1), h - lo);
}

/** Accumulates runs in ascending value order into a `ValueSummary`, allocating per kept run only. */
class RunReader {
  private distinct = 0;
  private unique = 0;
  private sumNLogN = 0;
  private sumSquares = 0;
  /** Top values by count, ties by ascending value (SQL's ORDER BY n DESC, v). */
  private readonly top: { value: number; count: number }[] = [];
  private readonly smallest: { value: number; count: number }[] = [];
  /** The last EXTREMES runs, a ring indexed by the run's number. */
  private readonly lastValues = new Float64Array(EXTREMES);
  private readonly lastCounts = new Float64Array(EXTREMES);
  private full: { values: number[]; counts: number[] } | null = { values: [], counts: [] };
  /** `distinct % EXTREMES`, kept as the runs come. */
  private slot = 0;
  /**
   * The smallest values and the top values are complete and the full list is given up: a
   * run of one value only adds to the counts and the ring of the largest.
   */
  private settled = false;

  constructor(private readonly total: number) {}

  /**
   * Every run of equal values of `sorted`, in order. === treats −0 and +0 as one value, as
   * DuckDB's GROUP BY does; the run of zeros is reported as +0 whichever sign sorted first
   * (JSON has no −0 anyway).
   */
  addSorted(sorted: Float64Array): void {
    const f = sorted.length;
    let i = 0;
    while (i < f) {
      const value = sorted[i] + 0;
      let end = i + 1;
      while (end < f && sorted[end] === value) end++;
      if (end - i === 1 && this.settled) {
        const slot = this.slot;
        this.lastValues[slot] = value;
        this.lastCounts[slot] = 1;
        this.slot = slot + 1 === EXTREMES ? 0 : slot + 1;
        this.distinct++;
        this.unique++;
        this.sumSquares++;
      } else {
        this.add(value, end - i);
      }
      i = end;
    }
  }

  add(value: number, count: number): void {
    const slot = this.slot;
    this.slot = slot + 1 === EXTREMES ? 0 : slot + 1;
    this.distinct++;
    if (count === 1) this.unique++;
    else this.sumNLogN += count * Math.log(count);
    this.sumSquares += count * count;
    if (this.smallest.length < EXTREMES) this.smallest.push({ value, count });
    this.lastValues[slot] = value;
    this.lastCounts[slot] = count;
    const top = this.top;
    if (top.length < TOP_K || count > top[top.length - 1].count) {
      let at = top.length;
      while (at > 0 && top[at - 1].count < count) at--;
      top.splice(at, 0, { value, count });
      if (top.length > TOP_K) top.pop();
    }
    const full = this.full;
    if (full && Number.isFinite(value)) {
      full.values.push(value);
      full.counts.push(count);
      if (full.values.length > FULL_COUNTS_MAX) this.full = null;
    }
    // A singleton enters the top values only while there are fewer than TOP_K of them.
    this.settled = this.full === null && top.length >= TOP_K && this.smallest.length >= EXTREMES;
  }

  summary(): ValueSummary {
    const asCount = (r: { value: number; count: number }): ValueCount => ({
      value: toProfileValue(r.value),
      count: r.count,
      fraction: this.total > 0 ? r.count / this.total : 0,
    });
    const largest: { value: number; count: number }[] = [];
    for (let k = 1; k <= Math.min(EXTREMES, this.distinct); k++) {
      const slot = (this.distinct - k) % EXTREMES;
      largest.push({ value: this.lastValues[slot], count: this.lastCounts[slot] });
    }
    const topValues = this.top.map(asCount);
    const summary: ValueSummary = {
      topValues,
      smallest: this.smallest.map(asCount),
      largest: largest.map(asCount),
      unique: this.unique,
      sumNLogN: this.sumNLogN,
      sumSquares: this.sumSquares,
      distinct: this.distinct,
      dateCount: 0,
      total: this.total,
    };
    if (this.full && this.distinct <= FULL_COUNTS_MAX) {
      summary.counts = {
        values: Float64Array.from(this.full.values),
        counts: Float64Array.from(this.full.counts),
      };
    }
    if (this.distinct <= 2) summary.fewValues = topValues.map((v) => v.value);
    return summary;
  }
}
