/**
 * A matrix as a heatmap (associations, co-missingness). Drawn as SVG directly: recharts
 * has no heatmap. Diverging colours for signed measures (−1…1), one hue for 0…1; every
 * cell carries its value on hover, and a legend says what the colours mean.
 */
import { useId } from 'react';

export interface HeatmapProps {
  rows: string[];
  columns: string[];
  values: (number | null)[][];
  /** Signed measures (Pearson, Spearman) get a diverging scale. */
  signed: boolean;
  title: string;
  onSelect?: (row: string, column: string) => void;
}

const CELL = 26;
const LABEL = 120;

export function colourFor(value: number | null, signed: boolean): string {
  if (value === null || Number.isNaN(value)) return 'var(--surface-2)';
  const v = Math.max(-1, Math.min(1, value));
  if (signed) {
    const hue = v >= 0 ? 215 : 5;
    return `hsl(${hue} 75% ${96 - Math.abs(v) * 52}%)`;
  }
  return `hsl(215 75% ${96 - Math.max(0, v) * 52}%)`;
}

export function Heatmap({ rows, columns, values, signed, title, onSelect }: HeatmapProps) {
  const gradient = useId();
  if (rows.length === 0 || columns.length === 0)
    return <p className="muted">Not enough columns of this kind for {title}.</p>;
  const width = LABEL + columns.length * CELL + 10;
  const height = LABEL + rows.length * CELL + 50;
  const short = (s: string) => (s.length > 16 ? `${s.slice(0, 15)}…` : s);
  return (
    <figure className="heatmap">
      <svg width={width} height={height} role="img" aria-label={title}>
        <defs>
          <linearGradient id={gradient}>
            <stop offset="0%" stopColor={colourFor(signed ? -1 : 0, signed)} />
            <stop offset="50%" stopColor={colourFor(signed ? 0 : 0.5, signed)} />
            <stop offset="100%" stopColor={colourFor(1, signed)} />
          </linearGradient>
        </defs>
        {columns.map((c, j) => (
          <text
            key={c}
            className="axis-label"
            transform={`translate(${LABEL + j * CELL + CELL / 2},${LABEL - 6}) rotate(-60)`}
          >
            <title>{c}</title>
            {short(c)}
          </text>
        ))}
        {rows.map((r, i) => (
          <g key={r}>
            <text className="axis-label" x={LABEL - 6} y={LABEL + i * CELL + CELL / 2 + 4} textAnchor="end">
              <title>{r}</title>
              {short(r)}
            </text>
            {columns.map((c, j) => {
              const value = values[i]?.[j] ?? null;
              return (
                <rect
                  key={c}
                  x={LABEL + j * CELL}
                  y={LABEL + i * CELL}
                  width={CELL - 1}
                  height={CELL - 1}
                  fill={colourFor(value, signed)}
                  className={onSelect ? 'clickable' : undefined}
                  onClick={() => onSelect?.(r, c)}
                >
                  <title>{`${r} × ${c}: ${value === null ? 'undefined' : value.toFixed(3)}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
        <g transform={`translate(${LABEL},${LABEL + rows.length * CELL + 14})`}>
          <rect width={160} height={10} fill={`url(#${gradient})`} />
          <text className="axis-label" y={24}>
            {signed ? '−1' : '0'}
          </text>
          <text className="axis-label" x={80} y={24} textAnchor="middle">
            {signed ? '0' : '0.5'}
          </text>
          <text className="axis-label" x={160} y={24} textAnchor="end">
            1
          </text>
        </g>
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}
