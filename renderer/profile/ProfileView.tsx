/**
 * The Profile capability (see docs/architecture.md): overview tiles and alerts first, a
 * card per column, the association heatmaps, the missing-values matrix and the comparison
 * with another version in tabs. Fills in progressively while the job runs.
 */
import { useEffect, useState } from 'react';
import type { AlertThresholds, Profile } from '../../shared/profile';
import { useDatasets, useProfile } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { EmptyState } from '../shell/EmptyState';
import { ProfileBody } from './ProfileBody';
import { ProfileHeader } from './ProfileHeader';
import { ProfileProgressBar } from './ProfileProgressBar';
import { ThresholdsEditor } from './ThresholdsEditor';
import './profile.css';

export function ProfileView() {
  const version = useDatasets((s) => s.version);
  // The person's pick of target for one version; until they pick, the picker follows the
  // profile on screen (the engine may answer with one computed against a target).
  const [choice, setChoice] = useState<{ version: string; target: string } | null>(null);
  const chosen = choice && version && choice.version === version.id ? choice.target : null;
  const [thresholds, setThresholds] = useState<Partial<AlertThresholds>>({});
  const state = useProfile();
  useEffect(() => {
    if (!version) return;
    const custom = Object.keys(thresholds).length > 0;
    void useProfile
      .getState()
      .load(
        { version: version.id, ...(chosen ? { target: chosen } : {}), ...(custom ? { thresholds } : {}) },
        { adoptTarget: chosen === null },
      );
  }, [version, chosen, thresholds]);

  if (!version) {
    return (
      <EmptyState title="Profile" icon="◔">
        <p>Choose a dataset and version in the bar above (or import one in Datasets) to profile it.</p>
      </EmptyState>
    );
  }
  const shown: Partial<Profile> | null = state.profile ?? state.partial;
  return (
    <div className="profile-view">
      <ProfileHeader
        version={version}
        target={chosen ?? (state.request?.version === version.id ? (state.request.target ?? '') : '')}
        onTarget={(target) => setChoice({ version: version.id, target })}
      />
      <ThresholdsEditor
        current={state.profile?.thresholds}
        custom={thresholds}
        onApply={(next) => {
          setThresholds(next);
        }}
      />
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {!shown && state.wanted && (
        <p className="muted" role="status">
          Profiling {versionLabel(version)} and the version it came from, to compare them…
        </p>
      )}
      {!shown && !state.jobId && !state.wanted && (
        <EmptyState title="Not profiled yet" icon="◔">
          <p>
            Statistics, histograms, associations and alerts for every column of {versionLabel(version)},
            computed in DuckDB and kept with this version.
          </p>
          <button type="button" className="primary" onClick={() => void state.run()}>
            Profile {versionLabel(version)}
          </button>
        </EmptyState>
      )}
      {state.progress && <ProfileProgressBar />}
      {shown && <ProfileBody profile={shown} complete={state.profile !== null} />}
    </div>
  );
}
