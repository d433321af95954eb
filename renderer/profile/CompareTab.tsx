/** "Compare with…": pick another version and see both profiles side by side. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useDatasets, useProfile } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { CompareView } from './CompareView';
import type { ProfileState } from './profile-store';

export function CompareTab() {
  const { list } = useDatasets();
  const version = useDatasets((s) => s.version);
  const { comparison, wanted, compareWith, clearComparison } = useProfile();
  const [choice, setChoice] = useState(comparison?.other.version ?? wanted?.other.version ?? '');
  const [versions, setVersions] = useState<Array<{ id: string; label: string }>>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(list.map((d) => api.call('datasets.versions', { dataset: d.name }))).then(
      (all) =>
        live &&
        setVersions(
          all
            .flat()
            .filter((v) => v.id !== version?.id)
            .map((v) => ({ id: v.id, label: versionLabel(v) })),
        ),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [list, version]);
  return (
    <div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) void compareWith({ version: choice });
        }}
      >
        <label className="row">
          Compare with
          <select
            aria-label="Version to compare with"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">choose a version…</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!choice}>
          Compare
        </button>
        {comparison && (
          <button type="button" onClick={clearComparison}>
            Clear
          </button>
        )}
      </form>
      {wanted && !comparison && (
        <p className="muted" role="status">
          Profiling both versions to compare them…
        </p>
      )}
      {comparison && version && (
        <CompareView
          comparison={comparison.result}
          labels={labelsOf(
            comparison,
            versionLabel(version),
            versions.find((v) => v.id === comparison.other.version)?.label ?? 'other',
          )}
        />
      )}
    </div>
  );
}

/** The two sides' names, in the order they were compared (before, after). */
function labelsOf(
  comparison: NonNullable<ProfileState['comparison']>,
  own: string,
  other: string,
): [string, string] {
  return comparison.otherFirst ? [other, own] : [own, other];
}
