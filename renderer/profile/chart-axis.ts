/**
 * Axis room for the profile's small charts: ticks written with `formatTick` (never more
 * than about six characters) and a value axis as wide as its longest tick, so large
 * numbers are not clipped at the card's edge.
 */
import { formatTick } from '../../shared/format';

export { formatTick };

/** Pixels per character of a 10 px tick, plus the tick line and a gap. */
export function valueAxisWidth(max: number): number {
  return Math.max(30, formatTick(max).length * 6.5 + 12);
}

/** Leaves half a tick label of room on either side of a category axis. */
export const CHART_MARGIN = { top: 4, right: 16, bottom: 18, left: 4 };
