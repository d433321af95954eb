/** A column's most frequent values as horizontal bars, with counts and shares on hover. */
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ValueCount } from '../../shared/profile';
import { CATEGORY_TICK, TOOLTIP_STYLE } from '../shell/chart-style';
import { formatFraction, formatStat } from './format-stat';

export function TopValuesChart({ name, topValues }: { name: string; topValues: ValueCount[] }) {
  const data = topValues.map((t) => ({
    value: t.value === null ? 'null' : String(t.value),
    count: t.count,
    fraction: t.fraction,
  }));
  return (
    <figure aria-label={`Most frequent values of ${name}`}>
      <ResponsiveContainer width="100%" height={Math.max(60, data.length * 16 + 20)}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="value" width={110} tick={CATEGORY_TICK} interval={0} />
          <Tooltip
            formatter={(v, _n, item) => [
              `${formatStat(Number(v))} (${formatFraction(item.payload.fraction)})`,
              'rows',
            ]}
            contentStyle={TOOLTIP_STYLE}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">Most frequent values</figcaption>
    </figure>
  );
}
