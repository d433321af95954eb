/**
 * The archive: runs deleted from the table, kept with their models until the archive is
 * emptied, which deletes them for good (after asking).
 */
import { useState } from 'react';
import { useExperiments } from '../app-stores';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { runCount } from './run-count';
import { algorithmLabel } from './run-labels';

export function ArchivedRuns() {
  const { archived, restore, emptyArchive, setShowArchive } = useExperiments();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="experiments-view" data-testid="archive">
      <header className="view-header">
        <button type="button" className="link" onClick={() => setShowArchive(false)}>
          ← Experiments
        </button>
        <h1>Archived runs</h1>
        <div className="grow" />
        {archived.length > 0 && (
          <>
            <button type="button" onClick={() => void restore(archived.map((r) => r.id))}>
              Restore all
            </button>
            <button type="button" className="ghost danger" onClick={() => setConfirming(true)}>
              Empty archive
            </button>
          </>
        )}
      </header>
      {archived.length === 0 ? (
        <p className="muted">The archive is empty. Runs you delete wait here until you empty it.</p>
      ) : (
        <table className="data-table" aria-label="Archived runs">
          <thead>
            <tr>
              <th>Algorithm</th>
              <th>Experiment</th>
              <th>Data</th>
              <th>Archived</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {archived.map((r) => (
              <tr key={r.id} data-testid="archived-row">
                <td>{algorithmLabel(r.algorithm)}</td>
                <td>{r.experiment}</td>
                <td>
                  {r.versionLabel} → {r.target}
                </td>
                <td>{r.archivedAt ? new Date(r.archivedAt).toLocaleString() : ''}</td>
                <td>
                  <button type="button" className="small" onClick={() => void restore([r.id])}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <ConfirmDialog
          title="Empty the archive?"
          confirmLabel={`Delete ${runCount(archived.length)} for good`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void emptyArchive();
          }}
        >
          This deletes {runCount(archived.length)} and {archived.length === 1 ? 'its model' : 'their models'}{' '}
          for good; it cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
