/**
 * Shares formatted for people. Statistics use `formatStat` from shared/format.ts (one rule
 * for the app, the report and the CLI), re-exported here for the profile's views.
 */
export { formatStat } from '../../shared/format';

export function formatFraction(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0%';
  if (value < 0.001) return '<0.1%';
  return `${(value * 100).toLocaleString(undefined, { maximumFractionDigits: value < 0.1 ? 1 : 0 })}%`;
}
