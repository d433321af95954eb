/**
 * Regression metrics and a residual sample for the residual plot. MAPE skips rows whose
 * true value is zero (it is undefined there) rather than reporting infinity.
 */
import type { Diagnostics, Metrics } from '../types';

const RESIDUAL_SAMPLE = 1000;

export function regressionMetrics(
  y: Float64Array,
  pred: Float64Array,
): { metrics: Metrics; diagnostics: Diagnostics } {
  const n = y.length;
  let se = 0;
  let ae = 0;
  let ape = 0;
  let apeN = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - pred[i];
    se += e * e;
    ae += Math.abs(e);
    if (y[i] !== 0) {
      ape += Math.abs(e / y[i]);
      apeN++;
    }
    ss += (y[i] - mean) ** 2;
  }
  const step = Math.max(1, Math.floor(n / RESIDUAL_SAMPLE));
  const predicted: number[] = [];
  const residual: number[] = [];
  for (let i = 0; i < n; i += step) {
    predicted.push(pred[i]);
    residual.push(y[i] - pred[i]);
  }
  return {
    metrics: {
      rmse: Math.sqrt(se / n),
      mae: ae / n,
      ...(apeN ? { mape: ape / apeN } : {}),
      r2: ss > 0 ? 1 - se / ss : 0,
    },
    diagnostics: { residuals: { predicted, residual } },
  };
}
