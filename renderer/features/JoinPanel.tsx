/**
 * The Join tab: the point-in-time join of a label table to feature sets (docs/architecture.md,
 * "Inside the features capability: feature sets and the point-in-time join"). The form on
 * the left; beside it the job's progress, the engine's sentence when it fails, or the
 * training table made. The label table starts as the version in hand.
 */
import { useEffect } from 'react';
import { useDatasets, useFeatures } from '../app-stores';
import { reportError } from '../shell/toast-store';
import { JobProgressBar } from './JobProgressBar';
import { JoinForm } from './JoinForm';
import { JoinResult } from './JoinResult';

export function JoinPanel() {
  const version = useDatasets((s) => s.version);
  const { joining, joinError, joined } = useFeatures();
  // Label tables imported since the picker last looked are offered too.
  useEffect(() => void useDatasets.getState().load().catch(reportError), []);
  const dataset = version?.dataset;
  const id = version?.id;
  useEffect(() => {
    const features = useFeatures.getState();
    if (!features.join.labelsDataset && dataset && id) void features.chooseLabels(dataset, id);
  }, [dataset, id]);
  return (
    <div className="join-panel">
      <JoinForm />
      <section className="join-outcome" aria-label="Join result">
        {!joining && !joinError && !joined && (
          <p className="muted small">
            The training table is saved as a new dataset version: the label table’s columns, then each set’s
            features. Here you will see how many label rows each set matched.
          </p>
        )}
        {joining && (
          <JobProgressBar label="Joining" progress={joining} onCancel={useFeatures.getState().cancelJoin} />
        )}
        {joinError && (
          <p className="form-error" role="alert">
            {joinError}
          </p>
        )}
        {joined && <JoinResult result={joined} />}
      </section>
    </div>
  );
}
