/**
 * The features added so far (each a recipe step, with what it did on the preview), undo
 * and redo, and applying them as a new version with a progress bar and a cancel; after it,
 * the next moves: rank the new columns or save them as a feature set.
 */
import { formatCount } from '../../shared/format';
import { useFeatures } from '../app-stores';
import { opLabel } from '../clean/operations';
import { stepArguments, summaryWords } from '../clean/step-words';
import { versionLabel } from '../datasets/version-label';
import { JobProgressBar } from './JobProgressBar';

export function FeatureSteps() {
  const { steps, past, future, preview, problems, applying, applyError, applied } = useFeatures();
  const features = useFeatures.getState();
  return (
    <section className="feature-steps" aria-label="Features added">
      <div className="row">
        <h2 className="grow">Features added ({steps.length})</h2>
        <button type="button" className="ghost small" disabled={past.length === 0} onClick={features.undo}>
          Undo
        </button>
        <button type="button" className="ghost small" disabled={future.length === 0} onClick={features.redo}>
          Redo
        </button>
      </div>
      {steps.length === 0 && (
        <p className="muted small">Pick an operation on the left; its new column shows in the grid first.</p>
      )}
      <ol className="feature-step-list">
        {steps.map((step, index) => {
          const summary = preview?.steps[index];
          return (
            <li key={index} className="clean-step" data-testid="feature-step" data-op={step.op}>
              <div className="clean-step-main">
                <span className="clean-step-title">{opLabel(step.op)}</span>
                <span className="clean-step-args">{stepArguments(step)}</span>
                {summary && <span className="clean-step-counts">{summaryWords(summary).join(' · ')}</span>}
              </div>
              {problems
                .filter((p) => p.step === index)
                .map((p) => (
                  <p key={p.message} className="form-error clean-step-problem" role="alert">
                    {p.message}
                  </p>
                ))}
              <button
                type="button"
                className="ghost small"
                aria-label={`Remove feature ${index + 1}`}
                onClick={() => features.removeStep(index)}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="primary"
        disabled={steps.length === 0 || applying !== null || problems.length > 0}
        onClick={() => void features.apply()}
      >
        Apply {steps.length} feature{steps.length === 1 ? '' : 's'} as a new version
      </button>
      {applying && <JobProgressBar label="Applying" progress={applying} onCancel={features.cancelApply} />}
      {applyError && (
        <p className="form-error" role="alert">
          {applyError}
        </p>
      )}
      {applied && (
        <div className="feature-applied" role="status">
          <p>
            Made <strong>{versionLabel(applied.version)}</strong>: {formatCount(applied.version.rows)} rows,{' '}
            {applied.version.columns.length} columns.
          </p>
          <div className="row">
            <button type="button" onClick={() => features.setTab('rank')}>
              Rank features
            </button>
            <button type="button" onClick={() => features.setTab('sets')}>
              Save as a feature set
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
