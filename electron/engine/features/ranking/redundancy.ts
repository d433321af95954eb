/**
 * Redundancy: a feature that moves with a better-ranked one adds little to a model. For
 * numeric pairs, |Pearson r| ≥ REDUNDANCY_THRESHOLD on up to REDUNDANCY_ROWS of the sample
 * (missing values at the column's mean; fewer rows, down to 1,000, when there are so many
 * columns that the pairs would cost more than PAIR_BUDGET multiply-adds); for pairs of
 * categories, Cramér's V of their binned codes at the same threshold. Each feature names
 * the best-ranked such partner.
 */
import type { Binned } from './binning';
import { chiSquare, contingency } from './information';

export const REDUNDANCY_THRESHOLD = 0.95;
const REDUNDANCY_ROWS = 10_000;
/** Multiply-adds the pairwise check may spend: wide tables compare their pairs on fewer rows. */
const PAIR_BUDGET = 2e8;
const MIN_ROWS = 1_000;

export interface RedundancyInput {
  name: string;
  values: Float64Array | Binned;
}

/** Standardised values of the first `rows` rows (NaN at 0, the mean); null for a constant. */
function standardise(values: Float64Array, rows: number): Float64Array | null {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(values[i])) continue;
    n += 1;
    sum += values[i]!;
  }
  if (n < 2) return null;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < rows; i++) if (Number.isFinite(values[i])) ss += (values[i]! - mean) ** 2;
  if (!(ss > 0)) return null;
  const scale = 1 / Math.sqrt(ss);
  return Float64Array.from(values.subarray(0, rows), (v) => (Number.isFinite(v) ? (v - mean) * scale : 0));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * For features in rank order (best first), the better-ranked feature each is redundant
 * with, by position in `ordered`.
 */
export function findRedundant(
  ordered: readonly RedundancyInput[],
  rows: number,
): Map<number, { column: string; correlation: number }> {
  const pairs = (ordered.length * ordered.length) / 2;
  const affordable = Math.max(MIN_ROWS, Math.floor(PAIR_BUDGET / Math.max(1, pairs)));
  const used = Math.min(rows, REDUNDANCY_ROWS, affordable);
  const prepared = ordered.map(({ values }) =>
    values instanceof Float64Array
      ? standardise(values, used)
      : { codes: values.codes.subarray(0, used), count: values.count },
  );
  const out = new Map<number, { column: string; correlation: number }>();
  prepared.forEach((mine, i) => {
    if (mine === null) return;
    for (let j = 0; j < i; j++) {
      const theirs = prepared[j];
      if (!theirs || theirs instanceof Float64Array !== mine instanceof Float64Array) continue;
      const correlation =
        mine instanceof Float64Array
          ? dot(mine, theirs as Float64Array)
          : (chiSquare(contingency(mine, theirs as Binned)).cramersV ?? 0);
      if (Math.abs(correlation) >= REDUNDANCY_THRESHOLD) {
        out.set(i, { column: ordered[j]!.name, correlation: Math.max(-1, Math.min(1, correlation)) });
        return;
      }
    }
  });
  return out;
}
