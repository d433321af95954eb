/** A numeric column's histogram: rows per bin, edges on the axis, the bin's range on hover. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Histogram } from '../../shared/profile';
import { CHART_TICK, TOOLTIP_STYLE, xAxisLabel } from '../shell/chart-style';
import { CHART_MARGIN, formatTick, valueAxisWidth } from './chart-axis';
import { formatStat } from './format-stat';

export const CHART_HEIGHT = 150;

export function HistogramChart({ name, histogram }: { name: string; histogram: Histogram }) {
  const { edges, counts } = histogram;
  const data = counts.map((count, i) => ({
    bin: `${formatStat(edges[i]!)} – ${formatStat(edges[i + 1]!)}`,
    from: edges[i]!,
    count,
  }));
  return (
    <figure aria-label={`Histogram of ${name}`} data-testid="histogram">
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={CHART_MARGIN} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="from"
            tickFormatter={(v: number) => formatTick(v)}
            tick={CHART_TICK}
            label={xAxisLabel(name, -12)}
            minTickGap={16}
            interval="preserveStartEnd"
          />
          <YAxis
            width={valueAxisWidth(Math.max(...counts))}
            tick={CHART_TICK}
            tickFormatter={(v: number) => formatTick(v)}
          />
          <Tooltip
            formatter={(v) => [formatStat(Number(v)), 'rows']}
            labelFormatter={(_l, payload) => String(payload?.[0]?.payload?.bin ?? '')}
            contentStyle={TOOLTIP_STYLE}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">Rows per bin · {histogram.rule}</figcaption>
    </figure>
  );
}
