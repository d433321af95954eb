/** One new column's distribution on the preview's rows: a histogram or its top values, and what is missing. */
import { formatCount } from '../../shared/format';
import { HistogramChart } from '../profile/HistogramChart';
import { TopValuesChart } from '../profile/TopValuesChart';
import type { FeatureDistribution } from './feature-distribution';

export function FeatureDistributionCard({ distribution: d }: { distribution: FeatureDistribution }) {
  return (
    <div className="feature-dist" data-testid="feature-distribution" data-column={d.column}>
      <h4 className="truncate" title={d.column}>
        {d.column}
      </h4>
      {d.kind === 'numeric' && <HistogramChart name={d.column} histogram={d.histogram} />}
      {d.kind === 'categorical' && <TopValuesChart name={d.column} topValues={d.topValues} />}
      {d.kind === 'empty' && <p className="muted small">Every value is missing in these rows.</p>}
      <p className="muted small" data-testid="feature-missing">
        {d.missing === 0
          ? `No missing values in the first ${formatCount(d.rows)} rows.`
          : `${formatCount(d.missing)} of the first ${formatCount(d.rows)} rows are missing`}
        {d.missing > 0 && d.missing < d.rows && ' (rows with nothing before them in a window or lag).'}
      </p>
    </div>
  );
}
