/**
 * The Experiments capability: the runs of one experiment ranked by each task's main
 * metric (like a leaderboard), the comparison of the runs selected, a page per run, and
 * the archive that "delete" moves runs to until it is emptied.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RunDetail, RunSummary } from '../../shared/training';
import { EmptyState } from '../shell/EmptyState';
import { reportError } from '../shell/toast-store';
import { headlineMetrics, METRIC_LABELS } from '../../shared/metrics';
import { useExperiments } from '../app-stores';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { runCount } from './run-count';
import { ArchivedRuns } from './ArchivedRuns';
import { Comparison } from './Comparison';
import { RunPage } from './RunPage';
import { RunsTable } from './RunsTable';
import './experiments.css';

export function ExperimentsView() {
  const state = useExperiments();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!state.loaded) void useExperiments.getState().load().catch(reportError);
  }, [state.loaded]);
  const experiments = useMemo(() => [...new Set(state.runs.map((r) => r.experiment))], [state.runs]);
  const experiment = experiments.includes(state.experiment) ? state.experiment : (experiments[0] ?? '');
  const runs = useMemo(
    () => rank(state.runs.filter((r) => r.experiment === experiment)),
    [state.runs, experiment],
  );

  if (state.loaded && state.runs.length === 0 && state.archived.length === 0) {
    return (
      <EmptyState title="No runs yet" icon="≋">
        <p>
          Train a model in Train (or with <code>assay train</code>); every run lands here with its data
          version, parameters, metrics and curves.
        </p>
      </EmptyState>
    );
  }
  const open = state.openRunId ? state.details[state.openRunId] : undefined;
  if (state.showArchive) return <ArchivedRuns />;
  if (state.openRunId) return <RunPage run={open} />;
  const metrics = headlineMetrics(runs[0]?.task ?? 'binary');
  const selected = state.selected
    .map((id) => state.details[id])
    .filter((d): d is RunDetail => d !== undefined);
  return (
    <div className="experiments-view">
      <header className="view-header">
        <h1>Experiments</h1>
        <select
          aria-label="Experiment"
          value={experiment}
          onChange={(e) => state.setExperiment(e.target.value)}
        >
          {experiments.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </select>
        <span className="muted small">
          ranked by {METRIC_LABELS[runs[0]?.primaryMetric ?? 'auc']} on validation data
        </span>
        <div className="grow" />
        {state.selected.length > 0 && (
          <button type="button" className="ghost danger" onClick={() => setConfirming(true)}>
            Delete {state.selected.length} run{state.selected.length === 1 ? '' : 's'}
          </button>
        )}
        <button type="button" className="ghost" onClick={() => state.setShowArchive(true)}>
          Archived ({state.archived.length})
        </button>
      </header>
      <RunsTable runs={runs} metrics={metrics} />
      {selected.length > 0 ? (
        <Comparison runs={selected} metrics={metrics} />
      ) : (
        <p className="muted">Select runs to compare them, or click a run to open its page.</p>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete ${runCount(state.selected.length)}?`}
          confirmLabel={`Delete ${runCount(state.selected.length)}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void state.archive(state.selected);
          }}
        >
          {state.selected.length === 1 ? 'The run moves' : `The ${runCount(state.selected.length)} move`} to
          the archive, with {state.selected.length === 1 ? 'its model' : 'their models'}. You can restore{' '}
          {state.selected.length === 1 ? 'it' : 'them'} from “Archived” until you empty the archive.
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Succeeded runs best first by their primary metric; the rest after. */
function rank(runs: RunSummary[]): RunSummary[] {
  const score = (r: RunSummary) => {
    const v = r.metrics[r.primaryMetric];
    if (r.status !== 'succeeded' || v === undefined) return -Infinity;
    return r.higherIsBetter ? v : -v;
  };
  return [...runs].sort((a, b) => score(b) - score(a) || b.createdAt.localeCompare(a.createdAt));
}
