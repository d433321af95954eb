/** Residuals against predictions for regression runs, a sample of points each. */
import {
  CartesianGrid,
  ResponsiveContainer,
  Legend,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTick } from '../../shared/format';
import type { RunDetail } from '../../shared/training';
import { SERIES_COLOURS } from '../training/LossChart';
import { CHART_TICK, TOOLTIP_STYLE, xAxisLabel, yAxisLabel } from '../shell/chart-style';
import { DIAGNOSTIC_AXES } from './diagnostic-kinds';

interface ResidualsChartProps {
  runs: RunDetail[];
  name: (r: RunDetail, i: number) => string;
}

export function ResidualsChart({ runs, name }: ResidualsChartProps) {
  const axes = DIAGNOSTIC_AXES.residuals;
  return (
    <ResponsiveContainer width="100%" height={230}>
      <ScatterChart margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey="x"
          type="number"
          name={axes.x}
          tick={CHART_TICK}
          tickFormatter={formatTick}
          label={xAxisLabel(axes.x)}
        />
        <YAxis
          dataKey="y"
          type="number"
          name={axes.y}
          width={60}
          tick={CHART_TICK}
          tickFormatter={formatTick}
          label={yAxisLabel(axes.y)}
        />
        <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => Number(v).toPrecision(4)} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        {runs.map((r, i) => {
          const residuals = r.diagnostics.residuals;
          return residuals ? (
            <Scatter
              key={r.id}
              name={name(r, i)}
              data={residuals.predicted.map((x, k) => ({ x, y: residuals.residual[k] }))}
              fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              fillOpacity={0.5}
              isAnimationActive={false}
            />
          ) : null;
        })}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
