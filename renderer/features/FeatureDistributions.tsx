/**
 * The distributions of the columns the builder makes: the draft's new column before it is
 * added, or else every feature added so far, drawn from the preview's first rows.
 */
import { useMemo } from 'react';
import type { CleanPreview } from '../../shared/clean/clean-api';
import { useFeatures } from '../app-stores';
import { distributionsOf } from './feature-distribution';
import { FeatureDistributionCard } from './FeatureDistributionCard';

/** The columns to draw: the last step's when a draft is previewed, else all added ones. */
function columnsShown(preview: CleanPreview, drafting: boolean): string[] {
  const steps = drafting ? preview.steps.slice(-1) : preview.steps;
  const made = steps.flatMap((s) => (s.addedColumns.length > 0 ? s.addedColumns : s.changedColumns));
  return [...new Set(made)].filter((c) => preview.columns.some((p) => p.name === c)).slice(0, 6);
}

export function FeatureDistributions() {
  const preview = useFeatures((s) => s.preview);
  const drafting = useFeatures((s) => s.draft !== null && s.preview?.steps.length === s.steps.length + 1);
  const distributions = useMemo(
    () => (preview ? distributionsOf(preview.page, columnsShown(preview, drafting)) : []),
    [preview, drafting],
  );
  if (distributions.length === 0) return null;
  return (
    <section className="feature-dists" aria-label="Distributions of the new columns">
      <h3>
        {drafting ? 'The new column' : 'The feature columns'}{' '}
        <span className="muted small">on the preview's first rows</span>
      </h3>
      <div className="feature-dist-grid">
        {distributions.map((d) => (
          <FeatureDistributionCard key={d.column} distribution={d} />
        ))}
      </div>
    </section>
  );
}
