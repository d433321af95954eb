/**
 * Default alert thresholds and their names, pure so the engine, the CLI (`--threshold
 * NAME=VALUE`) and the app's thresholds editor share them. They follow ydata-profiling's
 * config and alert code (`alert_value` fires above 0.01, so MISSING/ZEROS/INFINITE mean
 * "more than 1%"), so a person moving from ydata sees the same alerts on the same data.
 */
import type { AlertThresholds } from './profile';

export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  missingFraction: 0.01,
  zerosFraction: 0.01,
  infiniteFraction: 0.01,
  duplicatesFraction: 0,
  skewness: 20,
  cardinality: 50,
  imbalance: 0.5,
  uniformPValue: 0.999,
  highCorrelation: 0.9,
  targetLeakage: 0.95,
  lowCategoricalDistinct: 5,
  categoricalMaxDistinct: 50,
  categoricalMaxDistinctRatio: 0.5,
  maxCategoricalLevels: 100,
});

/** Every threshold's name, in the defaults' order. */
export const THRESHOLD_NAMES = Object.keys(DEFAULT_THRESHOLDS) as ReadonlyArray<keyof AlertThresholds>;

/** The defaults with the caller's finite overrides of known names on top; anything else is ignored. */
export function resolveThresholds(overrides?: Partial<AlertThresholds>): AlertThresholds {
  const resolved: AlertThresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value) && key in resolved) {
      resolved[key as keyof AlertThresholds] = value;
    }
  }
  return resolved;
}
