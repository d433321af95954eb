/**
 * DuckDB values → plain JSON. Profiles cross IPC and are stored as JSON, so bigint
 * (BIGINT, HUGEINT, counts) becomes a number, timestamps become ISO strings, and nested or
 * binary values become readable text instead of objects the renderer cannot show.
 */
import type { ProfileValue } from '../../../shared/profile';

/** Convert one value from `getRowsJS()` to a JSON value. */
export function toProfileValue(value: unknown): ProfileValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      // JSON has no NaN/Infinity; keep them readable rather than silently null.
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return Number(value);
    case 'string':
    case 'boolean':
      return value;
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** A count or other number from DuckDB (number, bigint, DECIMAL-as-number) or null. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = Number(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

/** Like `toNumber`, but a missing value counts as 0 (SUM over no rows is NULL). */
export function toCount(value: unknown): number {
  return toNumber(value) ?? 0;
}

/** Epoch milliseconds to ISO, or null. */
export function isoFromEpochMs(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
