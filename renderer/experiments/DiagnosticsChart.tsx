/**
 * The curves that judge a model beyond one number, overlaid for the runs compared: ROC
 * and precision–recall (classification), calibration (is a predicted 0.8 right 80% of
 * the time?), and residuals against predictions (regression).
 */
import { useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Curve, RunDetail } from '../../shared/training';
import { SERIES_COLOURS } from '../training/LossChart';
import { CHART_TICK, TOOLTIP_STYLE, xAxisLabel, yAxisLabel } from '../shell/chart-style';

type Kind = 'roc' | 'pr' | 'calibration' | 'residuals';

const AXES: Record<Kind, { title: string; x: string; y: string }> = {
  roc: { title: 'ROC curve', x: 'false positive rate', y: 'true positive rate' },
  pr: { title: 'Precision–recall curve', x: 'recall', y: 'precision' },
  calibration: { title: 'Calibration', x: 'mean predicted probability', y: 'observed frequency' },
  residuals: { title: 'Residuals', x: 'predicted', y: 'actual − predicted' },
};

export function DiagnosticsChart({
  runs,
  name,
}: {
  runs: RunDetail[];
  name: (r: RunDetail, i: number) => string;
}) {
  const available = (['roc', 'pr', 'calibration', 'residuals'] as Kind[]).filter((k) =>
    runs.some((r) =>
      k === 'residuals'
        ? r.diagnostics.residuals
        : k === 'calibration'
          ? r.diagnostics.calibration
          : r.diagnostics[k]?.length,
    ),
  );
  const [chosen, setChosen] = useState<Kind | null>(null);
  const kind = chosen && available.includes(chosen) ? chosen : available[0];
  if (!kind) return null;
  const axes = AXES[kind];
  return (
    <div data-testid="diagnostics">
      <div className="row">
        <h3>{axes.title}</h3>
        <div className="segmented small">
          {available.map((k) => (
            <button key={k} type="button" className={k === kind ? 'on' : ''} onClick={() => setChosen(k)}>
              {AXES[k].title.replace(' curve', '')}
            </button>
          ))}
        </div>
      </div>
      <ResponsiveContainer width="100%" height={230}>
        {kind === 'residuals' ? (
          <ScatterChart margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="x" type="number" name={axes.x} tick={CHART_TICK} label={xAxisLabel(axes.x)} />
            <YAxis
              dataKey="y"
              type="number"
              name={axes.y}
              width={56}
              tick={CHART_TICK}
              label={yAxisLabel(axes.y)}
            />
            <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => Number(v).toPrecision(4)} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
            {runs.map((r, i) =>
              r.diagnostics.residuals ? (
                <Scatter
                  key={r.id}
                  name={name(r, i)}
                  data={r.diagnostics.residuals.predicted.map((x, k) => ({
                    x,
                    y: r.diagnostics.residuals!.residual[k],
                  }))}
                  fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                  fillOpacity={0.5}
                  isAnimationActive={false}
                />
              ) : null,
            )}
          </ScatterChart>
        ) : (
          <LineChart margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="x" type="number" domain={[0, 1]} tick={CHART_TICK} label={xAxisLabel(axes.x)} />
            <YAxis type="number" domain={[0, 1]} width={56} tick={CHART_TICK} label={yAxisLabel(axes.y)} />
            <Tooltip formatter={(v) => Number(v).toFixed(3)} contentStyle={TOOLTIP_STYLE} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
            {kind !== 'pr' && (
              <Line
                name={kind === 'roc' ? 'chance' : 'perfect calibration'}
                data={[
                  { x: 0, y: 0 },
                  { x: 1, y: 1 },
                ]}
                dataKey="y"
                stroke="var(--muted)"
                strokeDasharray="3 3"
                dot={false}
                isAnimationActive={false}
              />
            )}
            {runs.map((r, i) => {
              const curve = pick(r, kind);
              return curve ? (
                <Line
                  key={r.id}
                  name={name(r, i)}
                  data={curve.x.map((x, k) => ({ x, y: curve.y[k] }))}
                  dataKey="y"
                  stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                  dot={kind === 'calibration'}
                  isAnimationActive={false}
                />
              ) : null;
            })}
          </LineChart>
        )}
      </ResponsiveContainer>
      {runs[0]!.task === 'multiclass' && kind !== 'calibration' && (
        <p className="muted small">Multiclass: the first class against the rest.</p>
      )}
    </div>
  );
}

function pick(run: RunDetail, kind: Exclude<Kind, 'residuals'>): Curve | undefined {
  return kind === 'calibration' ? run.diagnostics.calibration : run.diagnostics[kind]?.[0];
}
