/**
 * Numbers for people, spelled the same in the UI, the HTML report, error sentences and on
 * the command line. Here because every side prints them and this needs neither Node nor
 * the DOM. Always `en-US` so that a sentence or a report reads the same on every machine.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 5 });

/** Beyond this magnitude (and below `TINY`) a statistic is written in exponent form. */
const HUGE = 1e12;
const TINY = 1e-4;

/** `1234` → `1,234`: counts of rows, columns, files. Rounds to a whole number. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/**
 * One statistic (a mean, a quantile, a correlation): thousands separators and up to five
 * significant digits while the magnitude lies in [1e-4, 1e12), exponent form with four
 * significant digits outside it, so a column of large sums never shows a 16-digit
 * integer and a tiny variance never shows as 0. Missing values read `—`.
 */
export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < TINY || magnitude >= HUGE)) return value.toExponential(3);
  return Number.isInteger(value) ? integer.format(value) : significant.format(value);
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/**
 * A chart's axis tick: short enough for a narrow axis. Compact suffixes (`1.2K`, `3.46M`,
 * `7.1B`) up to trillions, exponent form beyond and for tiny values, so a tick never
 * needs more than about six characters.
 */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return formatStat(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < TINY || magnitude >= 1e15)) return value.toExponential(1);
  if (magnitude < 1000) return significant.format(Number(value.toPrecision(3)));
  return compact.format(value);
}

/** Sizes in bytes, in binary units: `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
