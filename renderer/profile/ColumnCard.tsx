/**
 * One column's card: its semantic and storage type, the counts that matter for its kind,
 * and a chart a person would rather look at than read — a histogram for numbers, the top
 * values for categories, counts per period for dates.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Alert, ColumnProfile } from '../../shared/profile';
import { formatFraction, formatStat } from './format-stat';
import { CATEGORY_TICK, CHART_TICK, TOOLTIP_STYLE, xAxisLabel } from '../shell/chart-style';

const CHART_HEIGHT = 150;

export function ColumnCard({
  column,
  alerts,
  highlighted,
}: {
  column: ColumnProfile;
  alerts: Alert[];
  highlighted: boolean;
}) {
  const n = column.numeric;
  const facts: Array<[string, string]> = [
    ['Count', formatStat(column.count)],
    ['Missing', `${formatStat(column.missing)} (${formatFraction(column.missingFraction)})`],
    ['Distinct', `${formatStat(column.distinct)} (${formatFraction(column.distinctFraction)})`],
    ['Unique', `${formatStat(column.unique)}`],
  ];
  if (n) {
    facts.push(
      ['Mean', formatStat(n.mean)],
      ['Std', formatStat(n.std)],
      ['Min', formatStat(n.min)],
      ['Max', formatStat(n.max)],
      ['Median', formatStat(n.quantiles.p50)],
      ['IQR', formatStat(n.iqr)],
      ['Zeros', `${formatStat(n.zeros)} (${formatFraction(n.zerosFraction)})`],
      ['Negatives', `${formatStat(n.negatives)}`],
      ['Infinite', `${formatStat(n.infinite)}`],
      ['Skewness', formatStat(n.skewness)],
      ['Kurtosis', formatStat(n.kurtosis)],
      ['MAD', formatStat(n.mad)],
      ['CV', formatStat(n.cv)],
      ['Sum', formatStat(n.sum)],
      ['5% / 95%', `${formatStat(n.quantiles.p5)} / ${formatStat(n.quantiles.p95)}`],
    );
  }
  if (column.text) {
    facts.push([
      'Length',
      `${formatStat(column.text.minLength)}–${formatStat(column.text.maxLength)}, mean ${formatStat(column.text.meanLength)}`,
    ]);
  }
  if (column.datetime) {
    facts.push(['From', column.datetime.min ?? '—'], ['To', column.datetime.max ?? '—']);
  }
  if (column.imbalance !== undefined) facts.push(['Imbalance', formatStat(column.imbalance)]);

  return (
    <article
      className={highlighted ? 'column-card highlighted' : 'column-card'}
      id={`column-${column.name}`}
      data-testid="column-card"
    >
      <header>
        <h3 className="truncate" title={column.name}>
          {column.name}
        </h3>
        <span className={`type-badge ${column.semanticType}`}>{column.semanticType}</span>
        <code className="muted small">{column.storageType}</code>
      </header>
      {alerts.length > 0 && (
        <ul className="card-alerts">
          {alerts.map((a, i) => (
            <li key={i} className={`alert-chip ${a.type}`} title={a.message}>
              {a.type}
            </li>
          ))}
        </ul>
      )}
      <div className="card-body">
        <dl className="stats">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="card-chart">
          <ColumnChart column={column} />
        </div>
      </div>
    </article>
  );
}

function ColumnChart({ column }: { column: ColumnProfile }) {
  if (column.histogram && column.histogram.counts.length > 0) {
    const { edges, counts } = column.histogram;
    const data = counts.map((count, i) => ({
      bin: `${formatStat(edges[i]!)} – ${formatStat(edges[i + 1]!)}`,
      from: edges[i]!,
      count,
    }));
    return (
      <figure aria-label={`Histogram of ${column.name}`} data-testid="histogram">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 18, left: 0 }} barCategoryGap={1}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="from"
              tickFormatter={(v: number) => formatStat(v)}
              tick={CHART_TICK}
              label={xAxisLabel(column.name, -12)}
              minTickGap={20}
            />
            <YAxis width={44} tick={CHART_TICK} tickFormatter={(v: number) => formatStat(v)} />
            <Tooltip
              formatter={(v) => [formatStat(Number(v)), 'rows']}
              labelFormatter={(_l, payload) => String(payload?.[0]?.payload?.bin ?? '')}
              contentStyle={TOOLTIP_STYLE}
            />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <figcaption className="muted small">Rows per bin · {column.histogram.rule}</figcaption>
      </figure>
    );
  }
  if (column.datetime && column.datetime.counts.length > 0) {
    const data = column.datetime.counts.map((c) => ({
      start: c.start.slice(
        0,
        column.datetime!.period === 'year' ? 4 : column.datetime!.period === 'month' ? 7 : 10,
      ),
      count: c.count,
    }));
    return (
      <figure aria-label={`Rows per ${column.datetime.period} of ${column.name}`}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 18, left: 0 }} barCategoryGap={1}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
            <XAxis dataKey="start" tick={CHART_TICK} minTickGap={20} />
            <YAxis width={44} tick={CHART_TICK} tickFormatter={(v: number) => formatStat(v)} />
            <Tooltip formatter={(v) => [formatStat(Number(v)), 'rows']} contentStyle={TOOLTIP_STYLE} />
            <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <figcaption className="muted small">Rows per {column.datetime.period}</figcaption>
      </figure>
    );
  }
  if (column.topValues.length > 0) {
    const data = column.topValues.map((t) => ({
      value: t.value === null ? 'null' : String(t.value),
      count: t.count,
      fraction: t.fraction,
    }));
    return (
      <figure aria-label={`Most frequent values of ${column.name}`}>
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
  return <p className="muted small">Every value is different; no chart.</p>;
}
