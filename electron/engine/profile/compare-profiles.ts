/**
 * Two profiles side by side (a version against its parent, training data against
 * production): columns added and removed, type changes, and for each shared column the
 * statistics that moved, by how much, plus the population stability index of the
 * distributions. Pure, so the UI can compare any two stored profiles instantly.
 */
import type {
  Alert,
  ColumnComparison,
  ColumnProfile,
  Histogram,
  Profile,
  ProfileComparison,
  StatChange,
  ValueCount,
} from '../../../shared/profile';

type Scalar = number | string | boolean | null | undefined;

/** The statistics compared, as dotted paths into ColumnProfile. */
const STATS = [
  'count',
  'missing',
  'missingFraction',
  'distinct',
  'distinctFraction',
  'unique',
  'imbalance',
  'numeric.zerosFraction',
  'numeric.negativesFraction',
  'numeric.infinite',
  'numeric.min',
  'numeric.max',
  'numeric.mean',
  'numeric.std',
  'numeric.skewness',
  'numeric.kurtosis',
  'numeric.mad',
  'numeric.iqr',
  'numeric.quantiles.p5',
  'numeric.quantiles.p25',
  'numeric.quantiles.p50',
  'numeric.quantiles.p75',
  'numeric.quantiles.p95',
  'text.minLength',
  'text.meanLength',
  'text.maxLength',
  'datetime.min',
  'datetime.max',
] as const;

function read(column: ColumnProfile, path: string): Scalar {
  let value: unknown = column;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value as Scalar;
}

/** Relative change below this is noise from sampling or floating point, not a change. */
const EPSILON = 1e-9;

function changeOf(stat: string, a: Scalar, b: Scalar): StatChange | null {
  if (a === undefined && b === undefined) return null;
  const av = a ?? null;
  const bv = b ?? null;
  if (typeof av === 'number' && typeof bv === 'number') {
    const delta = bv - av;
    if (Math.abs(delta) <= EPSILON * Math.max(Math.abs(av), Math.abs(bv), 1e-300)) return null;
    const change: StatChange = { stat, a: av, b: bv, delta };
    if (av !== 0) change.relative = delta / Math.abs(av);
    return change;
  }
  return av === bv ? null : { stat, a: av, b: bv };
}

/**
 * PSI = Σ (pb − pa)·ln(pb/pa) over shared bins, with a small floor so empty bins count.
 * Histograms are re-binned onto a's edges by value when their edges differ.
 */
export function populationStability(pa: number[], pb: number[]): number {
  const floor = 1e-4;
  let psi = 0;
  for (let i = 0; i < pa.length; i++) {
    const x = Math.max(pa[i], floor);
    const y = Math.max(pb[i] ?? 0, floor);
    psi += (y - x) * Math.log(y / x);
  }
  return psi;
}

function histogramShares(reference: Histogram, other: Histogram): [number[], number[]] {
  const edges = reference.edges;
  const bins = reference.counts.length;
  const mapped = new Array<number>(bins).fill(0);
  // Spread each of `other`'s bins onto the reference bins by its midpoint.
  other.counts.forEach((count, i) => {
    const mid = (other.edges[i] + other.edges[i + 1]) / 2;
    let j = edges.findIndex((e, k) => k < bins && mid >= e && mid < edges[k + 1]);
    if (j < 0) j = mid < edges[0] ? 0 : bins - 1;
    mapped[j] += count;
  });
  const share = (counts: number[]): number[] => {
    const total = counts.reduce((s, c) => s + c, 0);
    return counts.map((c) => (total > 0 ? c / total : 0));
  };
  return [share(reference.counts), share(mapped)];
}

function topValueShares(a: ValueCount[], b: ValueCount[]): [number[], number[]] {
  const keys = [...new Set([...a, ...b].map((v) => JSON.stringify(v.value)))];
  const shareOf = (list: ValueCount[], key: string): number =>
    list.find((v) => JSON.stringify(v.value) === key)?.fraction ?? 0;
  const pa = keys.map((k) => shareOf(a, k));
  const pb = keys.map((k) => shareOf(b, k));
  // Everything outside the top values is one "other" bin.
  pa.push(Math.max(0, 1 - pa.reduce((s, v) => s + v, 0)));
  pb.push(Math.max(0, 1 - pb.reduce((s, v) => s + v, 0)));
  return [pa, pb];
}

function compareColumn(a: ColumnProfile, b: ColumnProfile): ColumnComparison {
  const changes: StatChange[] = [];
  for (const stat of STATS) {
    const change = changeOf(stat, read(a, stat), read(b, stat));
    if (change) changes.push(change);
  }
  let psi: number | null = null;
  if (a.histogram && b.histogram && a.histogram.counts.length > 1) {
    psi = populationStability(...histogramShares(a.histogram, b.histogram));
  } else if (a.topValues.length && b.topValues.length) {
    psi = populationStability(...topValueShares(a.topValues, b.topValues));
  }
  return {
    name: a.name,
    typeA: a.semanticType,
    typeB: b.semanticType,
    storageTypeA: a.storageType,
    storageTypeB: b.storageType,
    changes,
    psi,
  };
}

const alertKey = (alert: Alert): string => `${alert.type}:${alert.columns.join('\u0000')}`;

export function compareProfiles(a: Profile, b: Profile): ProfileComparison {
  const inB = new Map(b.columns.map((c) => [c.name, c]));
  const inA = new Set(a.columns.map((c) => c.name));
  const columns: ColumnComparison[] = [];
  const typeChanges: ProfileComparison['typeChanges'] = [];
  for (const column of a.columns) {
    const other = inB.get(column.name);
    if (!other) continue;
    const comparison = compareColumn(column, other);
    columns.push(comparison);
    if (column.storageType !== other.storageType) {
      typeChanges.push({ column: column.name, from: column.storageType, to: other.storageType });
    } else if (column.semanticType !== other.semanticType) {
      typeChanges.push({ column: column.name, from: column.semanticType, to: other.semanticType });
    }
  }
  const keysA = new Set(a.alerts.map(alertKey));
  const keysB = new Set(b.alerts.map(alertKey));
  const pair = (x: number, y: number): { a: number; b: number; delta: number } => ({
    a: x,
    b: y,
    delta: y - x,
  });
  return {
    rows: pair(a.overview.rows, b.overview.rows),
    duplicateRows: pair(a.overview.duplicateRows, b.overview.duplicateRows),
    missingCells: pair(a.overview.missingCells, b.overview.missingCells),
    added: b.columns.filter((c) => !inA.has(c.name)).map((c) => c.name),
    removed: a.columns.filter((c) => !inB.has(c.name)).map((c) => c.name),
    typeChanges,
    columns,
    alertsAdded: b.alerts.filter((x) => !keysA.has(alertKey(x))),
    alertsResolved: a.alerts.filter((x) => !keysB.has(alertKey(x))),
  };
}
