/**
 * The Train capability (see docs/architecture.md): one screen that reads top to bottom —
 * data, target, features, algorithms, validation, go — then the live loss curves of each
 * run and a summary of its metrics when it finishes.
 */
import { useEffect } from 'react';
import { useDatasets, useTrain } from '../app-stores';
import { EmptyState } from '../shell/EmptyState';
import { reportError } from '../shell/toast-store';
import { RunsProgress } from './RunsProgress';
import { TrainForm } from './TrainForm';
import './training.css';

export function TrainView() {
  const version = useDatasets((s) => s.version);
  const runs = useTrain((s) => s.runs);
  useEffect(() => {
    void useTrain.getState().loadCatalogue().catch(reportError);
  }, []);
  useEffect(() => {
    if (version)
      useTrain.getState().prepare(
        version.id,
        version.columns.map((c) => c.name),
      );
  }, [version]);

  if (!version) {
    return (
      <EmptyState title="Train" icon="▲">
        <p>
          Choose a dataset and version in the bar above (or import one in Datasets), then pick the column to
          predict.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="train-view">
      <TrainForm version={version} />
      {runs.length > 0 && <RunsProgress runs={runs} />}
    </div>
  );
}
