/** The runs the form started: a card each, live while they train, and a way on to Experiments. */
import { useEffect, useRef } from 'react';
import type { AlgorithmId } from '../../shared/training';
import { useExperiments, useTrain } from '../app-stores';
import { useUi } from '../shell/ui-store';
import { RunCard } from './RunCard';
import type { LiveRun } from './live-run';

export function RunsProgress({ runs }: { runs: LiveRun[] }) {
  const { catalogue, task, jobId } = useTrain();
  const section = useRef<HTMLElement>(null);
  // New runs appear below a long form: bring them into view when training starts.
  useEffect(() => {
    if (jobId) section.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [jobId]);
  const label = (id: AlgorithmId) => catalogue.find((a) => a.id === id)?.label ?? id;
  const finished = runs.filter((r) => r.detail?.status === 'succeeded');
  const fallbackTask = finished[0]?.detail?.task ?? task ?? 'binary';
  return (
    <section className="runs-progress" aria-label="Training runs" ref={section}>
      <h2>Runs</h2>
      <div className="run-cards">
        {runs.map((run, i) => (
          <RunCard key={run.runId} run={run} index={i} label={label(run.algorithm)} task={fallbackTask} />
        ))}
      </div>
      {finished.length > 0 && (
        <p>
          <button
            type="button"
            className="link"
            onClick={() => {
              useExperiments.getState().compare(
                finished[0]!.detail!.experiment,
                finished.map((r) => r.runId),
              );
              useUi.getState().setView('experiments');
            }}
          >
            Compare these runs in Experiments →
          </button>
        </p>
      )}
    </section>
  );
}
