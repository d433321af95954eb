/** One run's feature importance: permutation (drop in the main metric) or gain, top 15. */
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunDetail } from '../../shared/training';
import { formatTick } from '../../shared/format';
import { CATEGORY_TICK, CHART_TICK, TOOLTIP_STYLE } from '../shell/chart-style';

export function ImportanceChart({ run, name }: { run: RunDetail; name: string }) {
  const rows = (
    run.importance.permutation ??
    run.importance.gain?.map((g) => ({ column: g.feature, importance: g.importance, std: 0 })) ??
    []
  )
    .slice()
    .sort((a, b) => b.importance - a.importance)
    .slice(0, 15);
  if (rows.length === 0) return null;
  return (
    <div data-testid="importance">
      <h3>
        Feature importance of {name} (
        {run.importance.permutation ? 'permutation, drop in the main metric' : 'gain'})
      </h3>
      <ResponsiveContainer width="100%" height={rows.length * 20 + 30}>
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
          <XAxis type="number" tick={CHART_TICK} tickFormatter={formatTick} />
          <YAxis type="category" dataKey="column" width={140} tick={CATEGORY_TICK} interval={0} />
          <Tooltip formatter={(v) => Number(v).toFixed(4)} contentStyle={TOOLTIP_STYLE} />
          <Bar dataKey="importance" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
