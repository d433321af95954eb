/** Training and validation loss by iteration, live while a run trains. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FitHistory } from '../../shared/training';
import type { CurvePoint } from './live-run';
import { CHART_TICK, TOOLTIP_STYLE, xAxisLabel, yAxisLabel } from '../shell/chart-style';

export interface LossSeries {
  name: string;
  points: CurvePoint[];
  colour: string;
}

export function LossChart({ series, height = 180 }: { series: LossSeries[]; height?: number }) {
  const rows = new Map<number, Record<string, number>>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.iteration) ?? { iteration: p.iteration };
      if (p.trainLoss !== undefined) row[`${s.name} · train`] = p.trainLoss;
      if (p.validLoss !== undefined) row[`${s.name} · validation`] = p.validLoss;
      rows.set(p.iteration, row);
    }
  }
  const data = [...rows.values()].sort((a, b) => a.iteration! - b.iteration!);
  if (data.length === 0)
    return (
      <div className="chart-placeholder muted small">The loss curve appears as soon as training reports.</div>
    );
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="iteration"
          type="number"
          domain={['dataMin', 'dataMax']}
          tick={CHART_TICK}
          label={xAxisLabel('iteration')}
        />
        <YAxis
          width={54}
          tick={CHART_TICK}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => v.toPrecision(3)}
          label={yAxisLabel('loss')}
        />
        <Tooltip
          formatter={(v) => Number(v).toFixed(5)}
          labelFormatter={(l) => `iteration ${String(l)}`}
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        {series.flatMap((s) => [
          <Line
            key={`${s.name}-t`}
            dataKey={`${s.name} · train`}
            stroke={s.colour}
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />,
          <Line
            key={`${s.name}-v`}
            dataKey={`${s.name} · validation`}
            stroke={s.colour}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />,
        ])}
      </LineChart>
    </ResponsiveContainer>
  );
}

export const SERIES_COLOURS = ['#2f6fde', '#d9534f', '#2e8b57', '#e0a800', '#8e44ad', '#16a2b8', '#7f8c8d'];

/** The full per-iteration losses a finished run recorded (live updates are sampled). */
export function historyCurve(history: FitHistory): CurvePoint[] {
  const length = Math.max(history.trainLoss.length, history.validLoss.length);
  return Array.from({ length }, (_x, k) => ({
    iteration: k + 1,
    ...(history.trainLoss[k] !== undefined ? { trainLoss: history.trainLoss[k] } : {}),
    ...(history.validLoss[k] !== undefined ? { validLoss: history.validLoss[k] } : {}),
  }));
}
