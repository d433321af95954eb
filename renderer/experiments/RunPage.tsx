/**
 * One run's page: what it trained on and how it was validated, its params and metrics,
 * its curves, importance and confusion matrix, its files, and the `assay train` command
 * that trains it again.
 */
import type { RunDetail } from '../../shared/training';
import { useExperiments } from '../app-stores';
import { RunMetrics } from '../training/RunMetrics';
import { historyCurve, LossChart, SERIES_COLOURS } from '../training/LossChart';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DiagnosticsChart } from './DiagnosticsChart';
import { ImportanceChart } from './ImportanceChart';
import { RunFacts } from './RunFacts';
import { RunPageExport } from './RunPageExport';
import { algorithmLabel } from './run-labels';
import { trainCommand } from './train-command';

export function RunPage({ run }: { run: RunDetail | undefined }) {
  const { openRun } = useExperiments();
  const back = (
    <button type="button" className="link" onClick={() => openRun(null)}>
      ← Runs
    </button>
  );
  if (!run) {
    return (
      <div className="experiments-view">
        <header className="view-header">{back}</header>
        <p className="muted">Loading the run…</p>
      </div>
    );
  }
  const name = algorithmLabel(run.algorithm);
  const command = trainCommand(run);
  return (
    <div className="experiments-view run-page" data-testid="run-page">
      <header className="view-header">
        {back}
        <h1>
          {name} <span className="muted small">{run.experiment}</span>
        </h1>
        <span className={`status ${run.status}`}>{run.status}</span>
        <span className="grow" />
        {run.status === 'succeeded' && <RunPageExport run={run} />}
      </header>
      {run.error && <p className="form-error">{run.error}</p>}
      {run.status === 'succeeded' && <RunMetrics detail={run} task={run.task} />}
      <div className="comparison-grid">
        <RunFacts run={run} />
        <div>
          <h3>Loss curve</h3>
          <LossChart
            height={220}
            series={[{ name, colour: SERIES_COLOURS[0]!, points: historyCurve(run.history) }]}
          />
          <DiagnosticsChart runs={[run]} name={() => name} />
        </div>
        <ImportanceChart run={run} name={name} />
        {run.diagnostics.confusion && <ConfusionMatrix confusion={run.diagnostics.confusion} name={name} />}
      </div>
      <h3>Train it again</h3>
      <div className="row train-command">
        <code data-testid="train-command">{command}</code>
        <button type="button" className="small" onClick={() => void navigator.clipboard?.writeText(command)}>
          Copy
        </button>
      </div>
    </div>
  );
}
