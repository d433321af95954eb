/**
 * Training and validation loss by iteration, live while a run trains: train dashed,
 * validation solid, one colour per run. Only curves that have points are drawn and
 * listed (logistic regression records no validation loss).
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from '../../shared/format';
import type { FitHistory } from '../../shared/training';
import type { CurvePoint } from './live-run';
import { CHART_TICK, TOOLTIP_STYLE, xAxisLabel, yAxisLabel } from '../shell/chart-style';
import { LossLegend, TRAIN_DASH, type LegendItem } from './LossLegend';

export interface LossSeries {
  name: string;
  points: CurvePoint[];
  colour: string;
}

/** Below this many points a curve shows its points too: a few samples joined are not a curve. */
const SPARSE = 12;

export function LossChart({ series, height = 180 }: { series: LossSeries[]; height?: number }) {
  const { data, lines } = chartData(series);
  if (lines.length === 0)
    return (
      <div className="chart-placeholder muted small">The loss curve appears as soon as training reports.</div>
    );
  return (
    <div className="loss-chart">
      <LossLegend items={lines} />
      <ResponsiveContainer width="100%" height={height - 20}>
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 18, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="iteration"
            type="number"
            domain={['dataMin', 'dataMax']}
            tick={CHART_TICK}
            tickFormatter={formatTick}
            label={xAxisLabel('iteration')}
          />
          <YAxis
            width={60}
            tick={CHART_TICK}
            domain={['auto', 'auto']}
            tickFormatter={formatTick}
            label={yAxisLabel('loss')}
          />
          <Tooltip
            formatter={(v) => Number(v).toPrecision(5)}
            labelFormatter={(l) => `iteration ${String(l)}`}
            contentStyle={TOOLTIP_STYLE}
          />
          {lines.map((line) => (
            <Line
              key={line.label}
              dataKey={line.label}
              stroke={line.colour}
              strokeDasharray={line.dashed ? TRAIN_DASH : undefined}
              dot={line.points < SPARSE ? { r: 2 } : false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One row per iteration, one key per curve; and the curves that have points. */
function chartData(series: LossSeries[]) {
  const rows = new Map<number, Record<string, number>>();
  const lines: Array<LegendItem & { points: number }> = [];
  for (const s of series) {
    for (const [kind, pick] of CURVES) {
      const label = `${s.name} · ${kind}`;
      let points = 0;
      for (const p of s.points) {
        const value = pick(p);
        if (value === undefined || !Number.isFinite(value)) continue;
        const row = rows.get(p.iteration) ?? { iteration: p.iteration };
        row[label] = value;
        rows.set(p.iteration, row);
        points += 1;
      }
      if (points > 0) lines.push({ label, colour: s.colour, dashed: kind === 'train', points });
    }
  }
  const data = [...rows.values()].sort((a, b) => a.iteration! - b.iteration!);
  return { data, lines };
}

const CURVES: Array<['train' | 'validation', (p: CurvePoint) => number | undefined]> = [
  ['train', (p) => p.trainLoss],
  ['validation', (p) => p.validLoss],
];

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
