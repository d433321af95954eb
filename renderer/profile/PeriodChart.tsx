/** A date column's rows per year, month or day. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DatetimeStats } from '../../shared/profile';
import { CHART_TICK, TOOLTIP_STYLE } from '../shell/chart-style';
import { CHART_MARGIN, formatTick, valueAxisWidth } from './chart-axis';
import { formatStat } from './format-stat';
import { CHART_HEIGHT } from './HistogramChart';

/** How much of an ISO timestamp names a period. */
const PERIOD_CHARS: Partial<Record<DatetimeStats['period'], number>> = { year: 4, month: 7 };

export function PeriodChart({ name, datetime }: { name: string; datetime: DatetimeStats }) {
  const chars = PERIOD_CHARS[datetime.period] ?? 10;
  const data = datetime.counts.map((c) => ({ start: c.start.slice(0, chars), count: c.count }));
  return (
    <figure aria-label={`Rows per ${datetime.period} of ${name}`}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={CHART_MARGIN} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          <XAxis dataKey="start" tick={CHART_TICK} minTickGap={20} interval="preserveStartEnd" />
          <YAxis
            width={valueAxisWidth(Math.max(...data.map((d) => d.count)))}
            tick={CHART_TICK}
            tickFormatter={(v: number) => formatTick(v)}
          />
          <Tooltip formatter={(v) => [formatStat(Number(v)), 'rows']} contentStyle={TOOLTIP_STYLE} />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">Rows per {datetime.period}</figcaption>
    </figure>
  );
}
