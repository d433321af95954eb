/**
 * The distribution of a new feature column, drawn from the preview's page (its first rows)
 * so a person sees what an operation makes before adding it: an equal-width histogram for
 * numbers, the most frequent values otherwise, and how many values are missing (the first
 * rows of a lag or a rolling window have nothing before them).
 */
import type { Histogram, ValueCount } from '../../shared/profile';
import { decodePage, formatCell, type CellValue } from '../datasets/arrow-page';

export type FeatureDistribution =
  | { column: string; kind: 'numeric'; rows: number; missing: number; histogram: Histogram }
  | { column: string; kind: 'categorical'; rows: number; missing: number; topValues: ValueCount[] }
  | { column: string; kind: 'empty'; rows: number; missing: number };

const BINS = 20;
const TOP = 8;

function asNumber(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/** Equal-width bins over the finite values; one bin when they are all the same. */
export function histogramOf(values: number[], bins = BINS): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const count = min === max ? 1 : Math.min(bins, Math.max(1, values.length));
  const width = (max - min) / count || 1;
  const edges = Array.from({ length: count + 1 }, (_v, i) => (i === count ? max : min + i * width));
  if (min === max) edges[1] = max + 1;
  const counts = new Array<number>(count).fill(0);
  for (const v of values) counts[Math.min(count - 1, Math.floor((v - min) / width))]! += 1;
  return { edges, counts, rule: `${count} equal-width bins over the preview's rows` };
}

function topValuesOf(values: string[]): ValueCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([value, count]) => ({ value, count, fraction: count / values.length }));
}

/** The distributions of `columns` in the preview page's rows, in the order asked. */
export function distributionsOf(page: Uint8Array, columns: string[]): FeatureDistribution[] {
  if (columns.length === 0 || page.length === 0) return [];
  const decoded = decodePage(page);
  const out: FeatureDistribution[] = [];
  for (const column of columns) {
    const index = decoded.columns.findIndex((c) => c.name === column);
    if (index < 0) continue;
    const cells = decoded.rows.map((row) => row[index] ?? null);
    const present = cells.filter((v) => v !== null && !(typeof v === 'number' && Number.isNaN(v)));
    const rows = cells.length;
    const missing = rows - present.length;
    const numbers = present.map(asNumber);
    if (present.length === 0) out.push({ column, kind: 'empty', rows, missing });
    else if (numbers.every((n) => n !== null)) {
      out.push({ column, kind: 'numeric', rows, missing, histogram: histogramOf(numbers as number[]) });
    } else {
      const texts = present.map((v) => formatCell(v));
      out.push({ column, kind: 'categorical', rows, missing, topValues: topValuesOf(texts) });
    }
  }
  return out;
}
