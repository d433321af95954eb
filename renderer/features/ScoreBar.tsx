/**
 * A score in a ranking cell: its value and a bar of its share of the column's largest, so
 * the strong features stand out at a glance. A signed value (a correlation) draws its bar
 * from the middle, to the left when negative.
 */
import { formatStat } from '../../shared/format';

/** Three significant digits are enough to compare scores; the exact value is on hover. */
function formatScore(value: number): string {
  return Math.abs(value) >= 1000 ? formatStat(value) : String(Number(value.toPrecision(3)));
}

export interface ScoreBarProps {
  value: number | null;
  /** The largest magnitude in the column (the bar's full width). */
  max: number;
  signed?: boolean;
  label: string;
}

export function ScoreBar({ value, max, signed = false, label }: ScoreBarProps) {
  if (value === null || !Number.isFinite(value)) return <span className="muted">—</span>;
  const share = max > 0 ? Math.min(1, Math.abs(value) / max) : 0;
  const width = `${(signed ? share / 2 : share) * 100}%`;
  const left = signed && value < 0 ? `${50 - (share / 2) * 100}%` : signed ? '50%' : '0';
  return (
    <span className="score" title={`${label}: ${value}`}>
      <span className={signed ? 'score-bar signed' : 'score-bar'} aria-hidden="true">
        <span className={value < 0 ? 'neg' : ''} style={{ width, left }} />
      </span>
      <span className="score-value num">{formatScore(value)}</span>
    </span>
  );
}
