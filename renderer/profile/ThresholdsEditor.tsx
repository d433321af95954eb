/**
 * The alert thresholds (ydata-profiling's defaults until changed). A profile is cached per
 * set of thresholds, so changing them shows that set's profile, or offers to compute it.
 */
import { useState } from 'react';
import type { AlertThresholds } from '../../shared/profile';

const THRESHOLD_FIELDS: Array<{ key: keyof AlertThresholds; label: string; step: number }> = [
  { key: 'missingFraction', label: 'MISSING above (share)', step: 0.01 },
  { key: 'zerosFraction', label: 'ZEROS above (share)', step: 0.01 },
  { key: 'skewness', label: 'SKEWED when |skewness| above', step: 1 },
  { key: 'cardinality', label: 'HIGH_CARDINALITY above (distinct)', step: 1 },
  { key: 'highCorrelation', label: 'HIGH_CORRELATION above', step: 0.05 },
  { key: 'imbalance', label: 'IMBALANCE above', step: 0.05 },
  { key: 'targetLeakage', label: 'TARGET_LEAKAGE at or above', step: 0.01 },
  { key: 'duplicatesFraction', label: 'DUPLICATES above (share)', step: 0.01 },
];

export function ThresholdsEditor({
  current,
  custom,
  onApply,
}: {
  current: AlertThresholds | undefined;
  custom: Partial<AlertThresholds>;
  onApply: (next: Partial<AlertThresholds>) => void;
}) {
  const [draft, setDraft] = useState<Partial<AlertThresholds>>(custom);
  return (
    <details className="thresholds">
      <summary className="muted small">
        Alert thresholds
        {Object.keys(custom).length > 0 ? ` (${Object.keys(custom).length} changed)` : ' (defaults)'}
      </summary>
      <form
        className="thresholds-form"
        onSubmit={(e) => {
          e.preventDefault();
          onApply(draft);
        }}
      >
        {THRESHOLD_FIELDS.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input
              type="number"
              step={f.step}
              min={0}
              aria-label={f.label}
              value={draft[f.key] ?? current?.[f.key] ?? ''}
              onChange={(e) => {
                const value = e.target.value === '' ? undefined : Number(e.target.value);
                setDraft((d) => {
                  const next = { ...d };
                  if (value === undefined || !Number.isFinite(value)) delete next[f.key];
                  else next[f.key] = value;
                  return next;
                });
              }}
            />
          </label>
        ))}
        <div className="row">
          <button type="submit" className="primary">
            Use these thresholds
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            Back to defaults
          </button>
        </div>
      </form>
    </details>
  );
}
