/**
 * Finds the best split of one leaf from its histogram. Gain is the second-order
 * (XGBoost/LightGBM) objective reduction Σ T(G)²/(H+λ) over the children minus the
 * parent, with T the L1 soft-threshold. Numeric features try every bin boundary twice,
 * once with missing rows sent left and once right, which is how the missing-value
 * direction is learned. Categorical features sort their categories by G/(H+smooth)
 * and scan prefixes from both ends (LightGBM's many-vs-many split), regularised as
 * LightGBM does so that a column of near-unique text cannot carve the rows up: rare
 * categories sit out, boundaries need enough rows between them, the left side holds few
 * categories and the children pay an extra L2 penalty. Extra trees evaluate one random
 * boundary per feature instead of all of them.
 */
import type { Rng } from '../random';
import type { HistLayout } from './histogram';

export interface SplitParams {
  lambda: number;
  alpha: number;
  minChildSamples: number;
  minChildWeight: number;
  minSplitGain: number;
  /** Added to a category's hessian when ordering categories by G/H (LightGBM's cat_smooth). */
  catSmooth: number;
  /** Extra L2 penalty on the children of a categorical split (cat_l2); the parent keeps λ. */
  catL2?: number;
  /** Categories with fewer rows in the leaf take no part: they go right with the unseen (cat_smooth's count rule). */
  minCatRows?: number;
  /** Rows a group of categories must add before the next boundary is tried (min_data_per_group). */
  minDataPerGroup?: number;
  /** Most categories on the left side of a split (max_cat_threshold). */
  maxCatThreshold?: number;
}

/**
 * LightGBM's defaults for categorical splits (cat_smooth, cat_l2, min_data_per_group,
 * max_cat_threshold): without them a column of near-unique names wins splits by
 * memorising rows and scores worse than the baseline on new rows.
 */
export const CATEGORY_SPLITS = {
  catSmooth: 10,
  catL2: 10,
  minCatRows: 10,
  minDataPerGroup: 100,
  maxCatThreshold: 32,
} as const;

export interface Split {
  gain: number;
  feature: number;
  /** Numeric: rows with bin ≤ `bin` go left. */
  bin: number;
  /** Where NaN (and, for numeric features, values never seen) go. */
  defaultLeft: boolean;
  categorical: boolean;
  /** Categorical: bitset over bins (incl. the missing bin) that go left; 8 words. */
  catBits: Uint32Array | null;
  leftG: Float64Array;
  leftH: number;
  leftCount: number;
}

export interface LeafTotals {
  G: Float64Array;
  H: number;
  count: number;
}

export function thresholdL1(g: number, alpha: number): number {
  return g > alpha ? g - alpha : g < -alpha ? g + alpha : 0;
}

export function leafScore(G: Float64Array, H: number, p: SplitParams): number {
  let s = 0;
  for (let c = 0; c < G.length; c++) {
    const t = thresholdL1(G[c], p.alpha);
    s += t * t;
  }
  return s / (H + p.lambda);
}

/** Optimal leaf output −T(G)/(H+λ) per channel. */
export function leafOutput(
  G: Float64Array,
  H: number,
  p: SplitParams,
  out: Float64Array,
  outOffset: number,
): void {
  for (let c = 0; c < G.length; c++) out[outOffset + c] = -thresholdL1(G[c], p.alpha) / (H + p.lambda);
}

/** Reusable buffers so the per-bin scan allocates nothing. */
export class SplitFinder {
  private readonly cum: Float64Array;
  private readonly right: Float64Array;
  private readonly tmp: Float64Array;
  private readonly order: Int32Array;
  private readonly keys: Float64Array;
  /** The params a categorical split's children are scored with (λ + cat_l2). */
  private readonly catParams: SplitParams;

  constructor(
    private readonly layout: HistLayout,
    private readonly params: SplitParams,
  ) {
    this.cum = new Float64Array(layout.K);
    this.right = new Float64Array(layout.K);
    this.tmp = new Float64Array(layout.K);
    this.order = new Int32Array(257);
    this.keys = new Float64Array(257);
    this.catParams = { ...params, lambda: params.lambda + (params.catL2 ?? 0) };
  }

  /** Best split over `features`, or null when no split improves the objective enough. */
  find(hist: Float64Array, features: Int32Array, totals: LeafTotals, rng: Rng | null): Split | null {
    const p = this.params;
    if (totals.count < 2 * p.minChildSamples) return null;
    const parentScore = leafScore(totals.G, totals.H, p);
    const best: Split = {
      gain: p.minSplitGain > 0 ? p.minSplitGain : 1e-12,
      feature: -1,
      bin: 0,
      defaultLeft: false,
      categorical: false,
      catBits: null,
      leftG: new Float64Array(this.layout.K),
      leftH: 0,
      leftCount: 0,
    };
    for (let q = 0; q < features.length; q++) {
      const f = features[q];
      if (this.layout.categorical[f]) this.scanCategorical(hist, f, totals, parentScore, rng, best);
      else if (this.layout.K === 1 && !rng) this.scanNumeric1(hist, f, totals, parentScore, best);
      else this.scanNumeric(hist, f, totals, parentScore, rng, best);
    }
    return best.feature < 0 ? null : best;
  }

  private gainOf(
    LG: Float64Array,
    LH: number,
    LC: number,
    totals: LeafTotals,
    parentScore: number,
    p: SplitParams = this.params,
  ): number {
    const RH = totals.H - LH;
    const RC = totals.count - LC;
    if (LC < p.minChildSamples || RC < p.minChildSamples || LH < p.minChildWeight || RH < p.minChildWeight)
      return -Infinity;
    const R = this.right;
    for (let c = 0; c < R.length; c++) R[c] = totals.G[c] - LG[c];
    return leafScore(LG, LH, p) + leafScore(R, RH, p) - parentScore;
  }

  private scanNumeric(
    hist: Float64Array,
    f: number,
    totals: LeafTotals,
    parentScore: number,
    rng: Rng | null,
    best: Split,
  ): void {
    const { K, stride } = this.layout;
    const nb = this.layout.nBins[f];
    if (nb < 2) return;
    const base = this.layout.offset[f] * stride;
    const miss = base + nb * stride;
    const missH = hist[miss + K];
    const missC = hist[miss + K + 1];
    let only = -1;
    if (rng) {
      let lo = -1;
      let hi = -1;
      for (let b = 0; b < nb; b++) {
        if (hist[base + b * stride + K + 1] > 0) {
          if (lo < 0) lo = b;
          hi = b;
        }
      }
      if (lo < 0 || hi <= lo) return;
      only = lo + rng.int(hi - lo);
    }
    const cum = this.cum;
    const tmp = this.tmp;
    cum.fill(0);
    let cumH = 0;
    let cumC = 0;
    const last = only >= 0 ? only : nb - 2;
    for (let t = 0; t <= last; t++) {
      const j = base + t * stride;
      for (let c = 0; c < K; c++) cum[c] += hist[j + c];
      cumH += hist[j + K];
      cumC += hist[j + K + 1];
      if (only >= 0 && t !== only) continue;
      if (hist[j + K + 1] === 0 && only < 0) continue; // same partition as the previous boundary
      // Missing rows go right.
      let gain = this.gainOf(cum, cumH, cumC, totals, parentScore);
      if (gain > best.gain) {
        const RC = totals.count - cumC;
        this.record(best, gain, f, t, missC > 0 ? false : cumC >= RC, cum, cumH, cumC);
      }
      if (missC > 0) {
        for (let c = 0; c < K; c++) tmp[c] = cum[c] + hist[miss + c];
        gain = this.gainOf(tmp, cumH + missH, cumC + missC, totals, parentScore);
        if (gain > best.gain) this.record(best, gain, f, t, true, tmp, cumH + missH, cumC + missC);
      }
    }
  }

  /**
   * scanNumeric for one gradient channel and every boundary, with scalars instead of
   * channel arrays; the same arithmetic in the same order, so the same splits.
   */
  private scanNumeric1(
    hist: Float64Array,
    f: number,
    totals: LeafTotals,
    parentScore: number,
    best: Split,
  ): void {
    const nb = this.layout.nBins[f];
    if (nb < 2) return;
    const p = this.params;
    const lambda = p.lambda;
    const alpha = p.alpha;
    const minC = p.minChildSamples;
    const minH = p.minChildWeight;
    const G = totals.G[0];
    const H = totals.H;
    const C = totals.count;
    const base = this.layout.offset[f] * 3;
    const miss = base + nb * 3;
    const missG = hist[miss];
    const missH = hist[miss + 1];
    const missC = hist[miss + 2];
    let cg = 0;
    let ch = 0;
    let cc = 0;
    for (let t = 0, j = base; t <= nb - 2; t++, j += 3) {
      cg += hist[j];
      ch += hist[j + 1];
      cc += hist[j + 2];
      if (hist[j + 2] === 0) continue; // same partition as the previous boundary
      // Missing rows go right.
      let RH = H - ch;
      let RC = C - cc;
      if (!(cc < minC || RC < minC || ch < minH || RH < minH)) {
        const tl = cg > alpha ? cg - alpha : cg < -alpha ? cg + alpha : 0;
        const rg = G - cg;
        const tr = rg > alpha ? rg - alpha : rg < -alpha ? rg + alpha : 0;
        const gain = (tl * tl) / (ch + lambda) + (tr * tr) / (RH + lambda) - parentScore;
        if (gain > best.gain) this.record1(best, gain, f, t, missC > 0 ? false : cc >= RC, cg, ch, cc);
      }
      if (missC > 0) {
        const lg = cg + missG;
        const lh = ch + missH;
        const lc = cc + missC;
        RH = H - lh;
        RC = C - lc;
        if (lc < minC || RC < minC || lh < minH || RH < minH) continue;
        const tl = lg > alpha ? lg - alpha : lg < -alpha ? lg + alpha : 0;
        const rg = G - lg;
        const tr = rg > alpha ? rg - alpha : rg < -alpha ? rg + alpha : 0;
        const gain = (tl * tl) / (lh + lambda) + (tr * tr) / (RH + lambda) - parentScore;
        if (gain > best.gain) this.record1(best, gain, f, t, true, lg, lh, lc);
      }
    }
  }

  private record1(
    best: Split,
    gain: number,
    f: number,
    bin: number,
    defaultLeft: boolean,
    LG: number,
    LH: number,
    LC: number,
  ): void {
    best.gain = gain;
    best.feature = f;
    best.bin = bin;
    best.defaultLeft = defaultLeft;
    best.categorical = false;
    best.catBits = null;
    best.leftG[0] = LG;
    best.leftH = LH;
    best.leftCount = LC;
  }

  private scanCategorical(
    hist: Float64Array,
    f: number,
    totals: LeafTotals,
    parentScore: number,
    rng: Rng | null,
    best: Split,
  ): void {
    const { K, stride } = this.layout;
    const nb = this.layout.nBins[f];
    const base = this.layout.offset[f] * stride;
    const order = this.order;
    const keys = this.keys;
    const minRows = Math.max(1, this.params.minCatRows ?? 1);
    let m = 0;
    for (let b = 0; b <= nb; b++) {
      const j = base + b * stride;
      if (hist[j + K + 1] >= minRows) {
        order[m] = b;
        // Channel 0 orders the categories; exact for K = 1 (boosting, binary forests).
        keys[b] = hist[j] / (hist[j + K] + this.params.catSmooth);
        m++;
      }
    }
    if (m < 2) return;
    const sorted = Array.from(order.subarray(0, m)).sort((a, b) => keys[a] - keys[b] || a - b);
    const maxLeft = Math.min(this.params.maxCatThreshold ?? m, m - 1);
    const found = this.scanSorted(hist, base, sorted, maxLeft, totals, parentScore, rng, best.gain);
    // The same from the other end: with a cap on the left side, the two ends differ.
    const reversed = maxLeft < m - 1 ? sorted.slice().reverse() : null;
    const back = reversed
      ? this.scanSorted(
          hist,
          base,
          reversed,
          maxLeft,
          totals,
          parentScore,
          rng,
          Math.max(best.gain, found?.gain ?? -Infinity),
        )
      : null;
    const pick = back ?? found;
    if (!pick) return;
    const chosen = back ? reversed! : sorted;
    const bits = new Uint32Array(8);
    for (let i = 0; i <= pick.prefix; i++) bits[chosen[i] >>> 5] |= 1 << (chosen[i] & 31);
    this.record(best, pick.gain, f, 0, ((bits[nb >>> 5] >>> (nb & 31)) & 1) === 1, pick.G, pick.H, pick.C);
    best.categorical = true;
    best.catBits = bits;
  }

  /** The best prefix (of at most `maxLeft` categories) of `sorted` beating `floor`, or null. */
  private scanSorted(
    hist: Float64Array,
    base: number,
    sorted: number[],
    maxLeft: number,
    totals: LeafTotals,
    parentScore: number,
    rng: Rng | null,
    floor: number,
  ): { prefix: number; gain: number; G: Float64Array; H: number; C: number } | null {
    const { K, stride } = this.layout;
    const minGroup = this.params.minDataPerGroup ?? 0;
    const cum = this.cum;
    cum.fill(0);
    let cumH = 0;
    let cumC = 0;
    let group = 0;
    const only = rng ? rng.int(maxLeft) : -1;
    let found: { prefix: number; gain: number; G: Float64Array; H: number; C: number } | null = null;
    let bestGain = floor;
    for (let i = 0; i < maxLeft; i++) {
      const j = base + sorted[i] * stride;
      for (let c = 0; c < K; c++) cum[c] += hist[j + c];
      cumH += hist[j + K];
      cumC += hist[j + K + 1];
      group += hist[j + K + 1];
      if (only >= 0 && i !== only) continue;
      if (group < minGroup && only < 0) continue;
      group = 0;
      const gain = this.gainOf(cum, cumH, cumC, totals, parentScore, this.catParams);
      if (gain > bestGain) {
        bestGain = gain;
        found = { prefix: i, gain, G: Float64Array.from(cum), H: cumH, C: cumC };
      }
    }
    return found;
  }

  private record(
    best: Split,
    gain: number,
    f: number,
    bin: number,
    defaultLeft: boolean,
    LG: Float64Array,
    LH: number,
    LC: number,
  ): void {
    best.gain = gain;
    best.feature = f;
    best.bin = bin;
    best.defaultLeft = defaultLeft;
    best.categorical = false;
    best.catBits = null;
    best.leftG.set(LG);
    best.leftH = LH;
    best.leftCount = LC;
  }
}
