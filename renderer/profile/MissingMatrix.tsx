/**
 * The missing-values matrix (missingno style): one column per table column that has
 * gaps, rows in table order cut into buckets, darker where more is missing.
 */
import type { MissingSummary } from '../../shared/profile';
import { formatCount } from '../shell/format';
import { formatFraction } from './format-stat';

const COLUMN_WIDTH = 22;
const HEIGHT = 260;

export function MissingMatrix({ matrix }: { matrix: NonNullable<MissingSummary['matrix']> }) {
  const bucketHeight = HEIGHT / matrix.buckets;
  const width = 60 + matrix.columns.length * COLUMN_WIDTH;
  return (
    <figure className="missing-matrix">
      <svg width={width} height={HEIGHT + 110} role="img" aria-label="Missing-values matrix">
        <text className="axis-label" x={50} y={104} textAnchor="end">
          row 1
        </text>
        <text className="axis-label" x={50} y={100 + HEIGHT} textAnchor="end">
          {formatCount(matrix.buckets * matrix.rowsPerBucket)}
        </text>
        {matrix.columns.map((c, j) => (
          <g key={c.name} transform={`translate(${60 + j * COLUMN_WIDTH},0)`}>
            <text className="axis-label" transform={`translate(${COLUMN_WIDTH / 2},92) rotate(-60)`}>
              <title>{c.name}</title>
              {c.name.length > 14 ? `${c.name.slice(0, 13)}…` : c.name}
            </text>
            {c.fractions.map((f, i) => (
              <rect
                key={i}
                y={100 + i * bucketHeight}
                width={COLUMN_WIDTH - 2}
                height={Math.max(bucketHeight, 0.5)}
                fill={f > 0 ? `hsl(5 70% ${92 - f * 50}%)` : 'var(--surface-2)'}
              >
                <title>{`${c.name}, rows ${formatCount(i * matrix.rowsPerBucket + 1)}–${formatCount((i + 1) * matrix.rowsPerBucket)}: ${formatFraction(f)} missing`}</title>
              </rect>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="muted small">
        Columns with missing values; rows in table order, {formatCount(matrix.rowsPerBucket)} per band. Darker
        is more missing.
      </figcaption>
    </figure>
  );
}
