/**
 * A matrix as a heatmap (associations, co-missingness). Drawn as SVG directly: recharts
 * has no heatmap. The colour scale is shared with the HTML report; values sit in the
 * cells when they fit, and a tooltip names both columns and the value on hover.
 */
import { useState } from 'react';
import { heatCellIsDark, heatColour } from '../../shared/profile/heat-colour';
import { HeatmapLegend } from './HeatmapLegend';
import { cellSize, formatCell, LABEL_SPACE, shortName, showsValues } from './heatmap-layout';

export interface HeatmapProps {
  rows: string[];
  columns: string[];
  values: (number | null)[][];
  /** Signed measures (Pearson, Spearman) get a diverging scale. */
  signed: boolean;
  title: string;
  onSelect?: (row: string, column: string) => void;
}

interface Hovered {
  row: number;
  column: number;
}

export function Heatmap({ rows, columns, values, signed, title, onSelect }: HeatmapProps) {
  const [hovered, setHovered] = useState<Hovered | null>(null);
  if (rows.length === 0 || columns.length === 0)
    return <p className="muted">Not enough columns of this kind for {title}.</p>;
  const cell = cellSize(rows.length, columns.length);
  const at = (i: number) => LABEL_SPACE + i * cell;
  const hoveredValue = hovered ? (values[hovered.row]?.[hovered.column] ?? null) : null;
  return (
    <figure className="heatmap">
      <div className="heatmap-frame" onMouseLeave={() => setHovered(null)}>
        <svg width={at(columns.length) + 10} height={at(rows.length) + 4} role="img" aria-label={title}>
          {columns.map((c, j) => (
            <text
              key={c}
              className="axis-label"
              transform={`translate(${at(j) + cell / 2},${LABEL_SPACE - 6}) rotate(-60)`}
            >
              {shortName(c)}
            </text>
          ))}
          {rows.map((r, i) => (
            <g key={r}>
              <text className="axis-label" x={LABEL_SPACE - 6} y={at(i) + cell / 2 + 4} textAnchor="end">
                {shortName(r)}
              </text>
              {columns.map((c, j) => {
                const value = values[i]?.[j] ?? null;
                return (
                  <g
                    key={c}
                    className={onSelect ? 'heat-cell clickable' : 'heat-cell'}
                    aria-label={`${r} × ${c}: ${formatCell(value, 3)}`}
                    onMouseEnter={() => setHovered({ row: i, column: j })}
                    onClick={() => onSelect?.(r, c)}
                  >
                    <rect
                      x={at(j)}
                      y={at(i)}
                      width={cell - 1}
                      height={cell - 1}
                      fill={heatColour(value, signed, 'var(--surface-2)')}
                    />
                    {showsValues(cell) && (
                      <text
                        className={heatCellIsDark(value, signed) ? 'heat-value on-dark' : 'heat-value'}
                        x={at(j) + (cell - 1) / 2}
                        y={at(i) + (cell - 1) / 2 + 4}
                        textAnchor="middle"
                      >
                        {formatCell(value)}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
        {hovered && (
          <div
            className="heatmap-tooltip"
            role="tooltip"
            style={{ left: at(hovered.column) + cell + 4, top: at(hovered.row) }}
          >
            <strong>{rows[hovered.row]}</strong> × <strong>{columns[hovered.column]}</strong>
            <div>{formatCell(hoveredValue, 3)}</div>
          </div>
        )}
      </div>
      <HeatmapLegend signed={signed} />
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}
