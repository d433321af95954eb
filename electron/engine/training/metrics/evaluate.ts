/**
 * One entry point from a prediction to metrics. Which metric ranks models, and in which
 * direction, is domain knowledge the app and the CLI share: it lives in shared/metrics.
 */
import type { Diagnostics, Metrics, Prediction } from '../types';
import { classificationMetrics } from './classification';
import { regressionMetrics } from './regression';

export function evaluate(
  y: Float64Array,
  prediction: Prediction,
): { metrics: Metrics; diagnostics: Diagnostics } {
  return prediction.task === 'regression'
    ? regressionMetrics(y, prediction.values)
    : classificationMetrics(y, prediction.proba, prediction.classes);
}
