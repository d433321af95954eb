/**
 * Whether two runs' difference in the main metric is real: the corrected paired t-test
 * over their folds, when both ran the same k-fold CV on the same data and seed.
 */
import type { MetricKey, RunDetail } from '../../shared/training';
import { formatMetric, METRIC_LABELS } from '../../shared/metrics';
import { correctedPairedTTest } from './paired-t-test';

export function Significance({ a, b }: { a: RunDetail; b: RunDetail }) {
  const metric = a.primaryMetric;
  const test = significance(a, b, metric);
  return (
    <p className="significance" data-testid="significance">
      {test
        ? `${METRIC_LABELS[metric]}: difference ${formatMetric(metric, test.meanDifference)} over ${test.folds} folds, corrected t = ${test.t.toFixed(2)}, p = ${test.pValue.toFixed(3)} — ${test.pValue < 0.05 ? 'significant at 5%' : 'not significant at 5%: the data cannot tell these apart'}.`
        : 'Train both with k-fold cross-validation on the same data and seed to test whether the difference is significant.'}
    </p>
  );
}

function significance(a: RunDetail, b: RunDetail, metric: MetricKey) {
  const fa = a.folds?.map((f) => f.metrics[metric]).filter((v): v is number => v !== undefined) ?? [];
  const fb = b.folds?.map((f) => f.metrics[metric]).filter((v): v is number => v !== undefined) ?? [];
  if (fa.length < 2 || fa.length !== fb.length || a.version !== b.version || a.seed !== b.seed) return null;
  return correctedPairedTTest(fa, fb);
}
