/**
 * Deciding what a column means (numeric, categorical, boolean, datetime, text, id) from its
 * storage type and a few counts, following ydata-profiling's typeset: few distinct numbers
 * are categories, low-cardinality strings are categories, true/false strings are booleans.
 * ID-like is ours: every value different and shaped like a key.
 */
import type { AlertThresholds, SemanticType } from '../../../shared/profile';
import type { ProfiledColumn } from './columns';
import type { RawColumnStats } from './column-stats';

/** ydata-profiling's string → boolean mapping (vars.bool.mappings). */
const BOOLEAN_WORDS = new Set(['t', 'f', 'true', 'false', 'y', 'n', 'yes', 'no']);

/** Strings longer than this on average read as prose, not keys. */
const MAX_ID_MEAN_LENGTH = 40;

export function inferSemanticType(
  column: ProfiledColumn,
  raw: RawColumnStats,
  thresholds: AlertThresholds,
  /** Distinct values, when known and few (for the string → boolean rule). */
  values?: readonly unknown[],
): SemanticType {
  const { kind } = column;
  const { count, distinct } = raw;
  const allUnique = count > 1 && distinct === count;
  switch (kind) {
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'timestamp':
      return 'datetime';
    case 'other':
      return 'unsupported';
    case 'float':
    case 'integer':
    case 'decimal': {
      const n = raw.numeric;
      if (
        kind === 'integer' &&
        allUnique &&
        n &&
        n.min !== null &&
        n.max !== null &&
        n.max - n.min + 1 === count
      ) {
        return 'id';
      }
      if (count > 0 && distinct <= thresholds.lowCategoricalDistinct) return 'categorical';
      return 'numeric';
    }
    case 'string': {
      if (
        values &&
        distinct > 0 &&
        distinct <= 2 &&
        values.every((v) => typeof v === 'string' && BOOLEAN_WORDS.has(v.trim().toLowerCase()))
      ) {
        return 'boolean';
      }
      // ydata requires both conditions, which makes HIGH_CARDINALITY unreachable; either
      // one suffices here, except that a handful of all-different strings is not a category.
      if (
        (count > 0 && distinct / count < thresholds.categoricalMaxDistinctRatio) ||
        (distinct <= thresholds.categoricalMaxDistinct && !allUnique)
      ) {
        return 'categorical';
      }
      const meanLength = raw.text?.meanLength ?? 0;
      if (allUnique && meanLength <= MAX_ID_MEAN_LENGTH) return 'id';
      return 'text';
    }
  }
}

/**
 * The semantic type a column gets whatever its exact distinct count: dates, times and
 * unsupported types always, and float/decimal columns that already show more distinct
 * values in the first rows than a categorical number may have (NaN aside, those are a
 * lower bound on the column's distinct count). Null when it waits for the value counts.
 */
export function knownSemanticType(
  c: ProfiledColumn,
  peekDistinct: Map<number, number>,
  thresholds: AlertThresholds,
): SemanticType | null {
  if (c.kind === 'date' || c.kind === 'timestamp') return 'datetime';
  if (c.kind === 'other') return 'unsupported';
  if (
    (c.kind === 'float' || c.kind === 'decimal') &&
    (peekDistinct.get(c.index) ?? 0) - 1 > thresholds.lowCategoricalDistinct
  ) {
    return 'numeric';
  }
  return null;
}

/**
 * The semantic type the column profile settles on once its value counts are in (the
 * few-values rule only applies to columns with repeated values), computed before the
 * profile itself so the associations can start early.
 */
export function finalSemanticType(
  c: ProfiledColumn,
  raw: RawColumnStats,
  fewValues: readonly unknown[] | undefined,
  thresholds: AlertThresholds,
): SemanticType {
  const allUnique = raw.count > 0 && raw.distinct === raw.count;
  if (fewValues && !allUnique) return inferSemanticType(c, raw, thresholds, fewValues);
  return inferSemanticType(c, raw, thresholds);
}
