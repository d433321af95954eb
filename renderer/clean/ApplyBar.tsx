/**
 * Applying the recipe: the dataset the new version goes to, Apply (a job, with progress
 * and cancel), what went wrong, and after it the new version with "Profile the result" and
 * "Compare profiles" (before against after).
 */
import { useState } from 'react';
import { useClean, useDatasets } from '../app-stores';
import { CompareProfilesButton } from './CompareProfilesButton';
import { versionLabel } from '../datasets/version-label';
import { formatCount } from '../../shared/format';
import { useUi } from '../shell/ui-store';

export function ApplyBar({ dataset }: { dataset: string }) {
  const [name, setName] = useState(dataset);
  const { steps, applying, applied, applyError } = useClean();
  const inHand = useDatasets((s) => s.version);
  const clean = useClean.getState();
  const profileResult = () => {
    if (!applied) return;
    // The new version is the one in hand (the shared picker opened it); Profile shows it.
    useUi.getState().setView('profile');
  };
  return (
    <div className="clean-apply">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void clean.apply(name);
        }}
      >
        <label className="row">
          <span className="muted">New version of</span>
          <input
            aria-label="New version of"
            value={name}
            onChange={(e) => setName(e.target.value)}
            size={14}
          />
        </label>
        <button type="submit" className="primary" disabled={steps.length === 0 || applying !== null}>
          Apply {steps.length} step{steps.length === 1 ? '' : 's'}
        </button>
        {applying && (
          <>
            <span className="muted" role="status">
              {applying.stage}
              {applying.fraction !== null && ` · ${Math.round(applying.fraction * 100)}%`}
            </span>
            <button type="button" onClick={clean.cancelApply}>
              Cancel
            </button>
          </>
        )}
      </form>
      {applyError && (
        <p className="form-error" role="alert">
          {applyError}
        </p>
      )}
      {applied && (
        <p className="clean-applied" role="status">
          Made {versionLabel(applied.version)}: {formatCount(applied.version.rows)} rows,{' '}
          {applied.version.columns.length} columns.{' '}
          <button type="button" className="link" onClick={profileResult}>
            Profile the result
          </button>{' '}
          <CompareProfilesButton version={applied.version} />
        </p>
      )}
      {!applied && inHand?.lineage.kind === 'recipe' && (
        <p className="clean-applied">
          {versionLabel(inHand)} was made by a recipe. <CompareProfilesButton version={inHand} />
        </p>
      )}
    </div>
  );
}
