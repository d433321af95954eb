/** The profiling job while it runs: its stage, how far it got, and cancel. */
import { useJobs, useProfile } from '../app-stores';
import { formatPercent } from '../shell/format';

export function ProfileProgressBar() {
  const { progress, jobId } = useProfile();
  const cancel = useJobs((s) => s.cancel);
  if (!progress) return null;
  return (
    <div className="profile-progress row" role="status">
      <span>{progress.stage}</span>
      <div className="progress grow" role="progressbar" aria-valuenow={Math.round(progress.fraction * 100)}>
        <div className="progress-fill" style={{ width: `${progress.fraction * 100}%` }} />
      </div>
      <span>{formatPercent(progress.fraction)}</span>
      {jobId && (
        <button type="button" className="ghost danger" onClick={() => void cancel(jobId)}>
          Cancel
        </button>
      )}
    </div>
  );
}
