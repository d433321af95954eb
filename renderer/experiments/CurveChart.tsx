/** ROC, precision–recall or calibration curves of the runs, over the unit square. */
import { CartesianGrid, ResponsiveContainer, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Curve, RunDetail } from '../../shared/training';
import { SERIES_COLOURS } from '../training/LossChart';
import { CHART_TICK, TOOLTIP_STYLE, xAxisLabel, yAxisLabel } from '../shell/chart-style';
import { DIAGNOSTIC_AXES } from './diagnostic-kinds';

type CurveKind = 'roc' | 'pr' | 'calibration';

interface CurveChartProps {
  runs: RunDetail[];
  name: (r: RunDetail, i: number) => string;
  kind: CurveKind;
}

export function CurveChart({ runs, name, kind }: CurveChartProps) {
  const axes = DIAGNOSTIC_AXES[kind];
  return (
    <ResponsiveContainer width="100%" height={230}>
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
            legendType="plainline"
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
    </ResponsiveContainer>
  );
}

function pick(run: RunDetail, kind: CurveKind): Curve | undefined {
  return kind === 'calibration' ? run.diagnostics.calibration : run.diagnostics[kind]?.[0];
}
