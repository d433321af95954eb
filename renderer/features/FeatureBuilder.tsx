/**
 * The builder tab: feature operations and the form of the one being written on the left,
 * the preview grid (the new column in green) with the distributions of the new columns in
 * the middle, and the features added with Apply on the right — the Clean view's layout,
 * since every feature is a recipe step (docs/architecture.md).
 */
import { useEffect, useRef } from 'react';
import type { ColumnInfo } from '../../shared/datasets';
import { useFeatures } from '../app-stores';
import { PreviewGrid } from '../clean/PreviewGrid';
import { FeatureDistributions } from './FeatureDistributions';
import { FeatureOperations } from './FeatureOperations';
import { FeatureSteps } from './FeatureSteps';

export function FeatureBuilder() {
  const version = useFeatures((s) => s.version);
  const preview = useFeatures((s) => s.preview);
  const previewing = useFeatures((s) => s.previewing);
  const previewError = useFeatures((s) => s.previewError);
  const steps = useFeatures((s) => s.steps);
  const middle = useRef<HTMLElement>(null);
  // New columns come last: bring the newest into sight in a wide table.
  useEffect(() => {
    const added = middle.current?.querySelectorAll('th.col-added');
    added?.[added.length - 1]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [preview]);
  // The form sees the columns after the features added so far (a rolling mean of a lag).
  const columns: ColumnInfo[] = preview?.steps[steps.length - 1]?.columns ?? version?.columns ?? [];
  return (
    <div className="clean-view feature-builder">
      <FeatureOperations columns={columns} />
      <section className="clean-middle" aria-label="Preview" ref={middle}>
        {previewError && (
          <p className="form-error" role="alert">
            {previewError}
          </p>
        )}
        <FeatureDistributions />
        {preview ? (
          <PreviewGrid preview={preview} />
        ) : (
          !previewError && <p className="muted">{previewing ? 'Previewing…' : ''}</p>
        )}
      </section>
      <aside className="clean-side">
        <FeatureSteps />
      </aside>
    </div>
  );
}
