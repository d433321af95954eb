/**
 * The chart for one column's kind: a histogram for numbers, counts per period for dates,
 * the most frequent values for the rest.
 */
import type { ColumnProfile } from '../../shared/profile';
import { HistogramChart } from './HistogramChart';
import { PeriodChart } from './PeriodChart';
import { TopValuesChart } from './TopValuesChart';

export function ColumnChart({ column }: { column: ColumnProfile }) {
  if (column.histogram && column.histogram.counts.length > 0)
    return <HistogramChart name={column.name} histogram={column.histogram} />;
  if (column.datetime && column.datetime.counts.length > 0)
    return <PeriodChart name={column.name} datetime={column.datetime} />;
  if (column.topValues.length > 0) return <TopValuesChart name={column.name} topValues={column.topValues} />;
  return <p className="muted small">Every value is different; no chart.</p>;
}
