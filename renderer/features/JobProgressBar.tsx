/** The progress of one of the Features view's jobs: stage, a bar (indeterminate without a fraction) and Cancel. */
export interface JobProgressBarProps {
  label: string;
  progress: { fraction: number | null; stage: string };
  onCancel(): void;
}

export function JobProgressBar({ label, progress, onCancel }: JobProgressBarProps) {
  const percent = progress.fraction === null ? null : Math.round(progress.fraction * 100);
  return (
    <div className="feature-progress" role="status" aria-label={`${label} progress`}>
      <div className="row small">
        <span className="grow">
          {label}: {progress.stage}
          {percent !== null && ` · ${percent}%`}
        </span>
        <button type="button" className="small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div
        className={percent === null ? 'progress indeterminate' : 'progress'}
        role="progressbar"
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
    </div>
  );
}
