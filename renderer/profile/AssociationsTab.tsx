/** The association heatmaps, one measure at a time, and the ranking against the target. */
import { useState } from 'react';
import type { Profile } from '../../shared/profile';
import { formatStat } from './format-stat';
import { Heatmap } from './Heatmap';
import { TargetRanking } from './TargetRanking';

type Measure = 'pearson' | 'spearman' | 'cramersV' | 'correlationRatio';

const LABELS: Record<Measure, string> = {
  pearson: 'Pearson r',
  spearman: 'Spearman ρ',
  cramersV: "Cramér's V",
  correlationRatio: 'Correlation ratio η',
};

const EXPLANATIONS: Record<Measure, string> = {
  pearson: 'Linear correlation between numeric columns (−1 … 1)',
  spearman: 'Rank correlation between numeric columns (−1 … 1): any monotone relation',
  cramersV: 'Association between categorical columns (0 … 1), bias-corrected',
  correlationRatio: 'How much of a numeric column (across) a category (down) explains (0 … 1)',
};

export function AssociationsTab({
  profile,
  onSelect,
}: {
  profile: Partial<Profile>;
  onSelect: (column: string) => void;
}) {
  const [measure, setMeasure] = useState<Measure>('spearman');
  const a = profile.associations;
  if (!a) return <p className="muted">Associations are still being computed…</p>;
  const matrix =
    measure === 'correlationRatio'
      ? {
          rows: a.correlationRatio.rows,
          columns: a.correlationRatio.columns,
          values: a.correlationRatio.values,
        }
      : { rows: a[measure].columns, columns: a[measure].columns, values: a[measure].values };
  return (
    <div className="associations">
      <div className="row">
        <div className="segmented">
          {(Object.keys(LABELS) as Measure[]).map((m) => (
            <button
              key={m}
              type="button"
              className={m === measure ? 'on' : ''}
              title={EXPLANATIONS[m]}
              onClick={() => setMeasure(m)}
            >
              {LABELS[m]}
            </button>
          ))}
        </div>
        <span className="muted small">
          {a.sample.exact
            ? `All ${formatStat(a.sample.of)} rows`
            : `${formatStat(a.sample.rows)} of ${formatStat(a.sample.of)} rows (${a.sample.method})`}
        </span>
      </div>
      <div className="associations-body">
        <div data-testid="heatmap">
          <Heatmap
            {...matrix}
            signed={measure === 'pearson' || measure === 'spearman'}
            title={EXPLANATIONS[measure]}
            onSelect={(r) => onSelect(r)}
          />
        </div>
        {profile.target && <TargetRanking target={profile.target} />}
      </div>
      {a.skipped.length > 0 && (
        <p className="muted small">
          Left out: {a.skipped.map((s) => `${s.column} (${s.reason})`).join('; ')}
        </p>
      )}
    </div>
  );
}
