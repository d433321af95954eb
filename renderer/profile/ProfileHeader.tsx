/** The Profile view's title bar: the version, the target to profile against, and exports. */
import type { DatasetVersion } from '../../shared/datasets';
import { useProfile } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { formatDuration } from '../shell/format';

interface ProfileHeaderProps {
  version: DatasetVersion;
  target: string;
  onTarget: (target: string) => void;
}

export function ProfileHeader({ version, target, onTarget }: ProfileHeaderProps) {
  const { profile, jobId, run, exportHtml, exportJson } = useProfile();
  return (
    <header className="view-header">
      <h1>
        Profile <span className="muted">{versionLabel(version)}</span>
      </h1>
      <label className="row">
        Target
        <select aria-label="Target column" value={target} onChange={(e) => onTarget(e.target.value)}>
          <option value="">none</option>
          {version.columns.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
      </label>
      <div className="grow" />
      {profile && (
        <>
          <span className="muted small">
            computed {new Date(profile.createdAt).toLocaleString()} in {formatDuration(profile.durationMs)}
          </span>
          <button type="button" onClick={() => void run(true)} disabled={jobId !== null}>
            Recompute
          </button>
          <button type="button" onClick={() => void exportHtml()}>
            HTML report
          </button>
          <button type="button" onClick={exportJson}>
            JSON
          </button>
        </>
      )}
    </header>
  );
}
