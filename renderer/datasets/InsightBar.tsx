/**
 * The tiny chart under a column header (Data Wrangler's quick insights): a histogram for
 * numbers and dates, the top values' shares for everything else, and the missing share.
 */
import type { ColumnInsight } from '../../shared/datasets';
import { formatCount, formatPercent } from '../shell/format';

const WIDTH = 120;
const HEIGHT = 18;

export function InsightBar({ insight }: { insight?: ColumnInsight; numeric?: boolean }) {
  if (!insight) return <span className="insight-bar placeholder" />;
  const total = (insight.top?.reduce((s, t) => s + t.count, 0) ?? 0) + insight.missing;
  if (insight.histogram && insight.histogram.counts.length > 0) {
    const counts = insight.histogram.counts;
    const max = Math.max(...counts, 1);
    const barWidth = WIDTH / counts.length;
    const { edges } = insight.histogram;
    return (
      <svg
        className="insight-bar"
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={`Histogram of ${insight.name}`}
      >
        <title>{`${insight.name}: ${formatCount(insight.distinct)} distinct, ${formatCount(insight.missing)} missing; from ${edges[0]} to ${edges.at(-1)}`}</title>
        {counts.map((count, i) => (
          <rect
            key={i}
            x={i * barWidth + 0.5}
            y={HEIGHT - (count / max) * HEIGHT}
            width={Math.max(1, barWidth - 1)}
            height={(count / max) * HEIGHT}
            className="insight-fill"
          />
        ))}
      </svg>
    );
  }
  const top = insight.top ?? [];
  const widths = top.map((t) => (total > 0 ? (t.count / total) * WIDTH : 0));
  const starts = widths.map((_w, i) => widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  return (
    <svg
      className="insight-bar"
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`Top values of ${insight.name}`}
    >
      <title>
        {[
          `${insight.name}: ${formatCount(insight.distinct)} distinct, ${formatCount(insight.missing)} missing`,
          ...top.map((t) => `${t.value}: ${formatCount(t.count)}`),
        ].join('\n')}
      </title>
      {top.map((t, i) => (
        <rect
          key={i}
          x={starts[i]}
          y={4}
          width={Math.max(0, widths[i]! - 1)}
          height={HEIGHT - 8}
          className="insight-fill"
          opacity={1 - i * 0.15}
        />
      ))}
      {insight.missing > 0 && total > 0 && (
        <rect
          x={WIDTH - (insight.missing / total) * WIDTH}
          y={4}
          width={(insight.missing / total) * WIDTH}
          height={HEIGHT - 8}
          className="insight-missing"
        >
          <title>{`${formatPercent(insight.missing / total)} missing`}</title>
        </rect>
      )}
    </svg>
  );
}
