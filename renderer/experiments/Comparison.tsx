/**
 * The runs selected, side by side: metrics and the parameters that differ, loss and
 * diagnostic curves overlaid, then importance and the confusion matrix of every run.
 */
import type { MetricKey, RunDetail } from '../../shared/training';
import { historyCurve, LossChart, SERIES_COLOURS } from '../training/LossChart';
import { ComparisonMetrics } from './ComparisonMetrics';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DiagnosticsChart } from './DiagnosticsChart';
import { ImportanceChart } from './ImportanceChart';
import { PredictForm } from './PredictForm';
import { algorithmLabel } from './run-labels';

/** How a compared run is named in tables and legends: its position and algorithm. */
export function comparedName(run: RunDetail, index: number): string {
  return `${index + 1}. ${algorithmLabel(run.algorithm)}`;
}

export function Comparison({ runs, metrics }: { runs: RunDetail[]; metrics: MetricKey[] }) {
  return (
    <section className="comparison" aria-label="Comparison" data-testid="comparison">
      <h2>Comparison</h2>
      <div className="comparison-grid">
        <ComparisonMetrics runs={runs} metrics={metrics} name={comparedName} />
        <div>
          <h3>Loss curves</h3>
          <LossChart
            height={220}
            series={runs.map((r, i) => ({
              name: comparedName(r, i),
              colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
              points: historyCurve(r.history),
            }))}
          />
          <DiagnosticsChart runs={runs} name={comparedName} />
        </div>
        {runs.map((r, i) => (
          <ImportanceChart key={`importance-${r.id}`} run={r} name={comparedName(r, i)} />
        ))}
        {runs.map((r, i) =>
          r.diagnostics.confusion ? (
            <ConfusionMatrix
              key={`confusion-${r.id}`}
              confusion={r.diagnostics.confusion}
              name={comparedName(r, i)}
            />
          ) : null,
        )}
        <PredictForm run={runs[0]!} />
      </div>
    </section>
  );
}
