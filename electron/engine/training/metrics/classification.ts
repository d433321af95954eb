/**
 * Classification metrics from predicted probabilities (n × K, row-major) and true
 * class indices. Binary precision/recall/F1 are for the positive class (index 1);
 * multiclass ones are macro averages; AUCs are one-vs-rest macro for multiclass.
 * Curves are thinned to at most a few hundred points for charts.
 */
import type { Curve, Diagnostics, Metrics } from '../types';

const CURVE_POINTS = 200;

export function classificationMetrics(
  y: Float64Array,
  proba: Float64Array,
  classes: string[],
): { metrics: Metrics; diagnostics: Diagnostics } {
  const n = y.length;
  const K = classes.length;
  const pred = new Int32Array(n);
  const cm = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let logloss = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    pred[i] = best;
    cm[y[i]][best]++;
    logloss -= Math.log(Math.min(1, Math.max(1e-15, proba[i * K + y[i]])));
  }
  const support = cm.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = cm[0].map((_, k) => cm.reduce((a, row) => a + row[k], 0));
  const prec = cm.map((row, k) => (predicted[k] ? row[k] / predicted[k] : 0));
  const rec = cm.map((row, k) => (support[k] ? row[k] / support[k] : 0));
  const f1 = prec.map((p, k) => (p + rec[k] ? (2 * p * rec[k]) / (p + rec[k]) : 0));
  let correct = 0;
  for (let k = 0; k < K; k++) correct += cm[k][k];
  const present = support.filter((s) => s > 0).length || 1;
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const metrics: Metrics = {
    accuracy: correct / n,
    balanced_accuracy: rec.reduce((a, r, k) => a + (support[k] ? r : 0), 0) / present,
    precision: K === 2 ? prec[1] : mean(prec),
    recall: K === 2 ? rec[1] : mean(rec),
    f1: K === 2 ? f1[1] : mean(f1),
    f1_weighted: f1.reduce((a, f, k) => a + f * support[k], 0) / n,
    logloss: logloss / n,
    mcc: mcc(cm, n),
    kappa: kappa(cm, n),
  };
  const roc: Curve[] = [];
  const pr: Curve[] = [];
  const aucs: number[] = [];
  const aps: number[] = [];
  for (let k = K === 2 ? 1 : 0; k < K; k++) {
    const scores = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      scores[i] = proba[i * K + k];
      labels[i] = y[i] === k ? 1 : 0;
    }
    const r = rankCurves(scores, labels);
    if (!r) continue;
    aucs.push(r.auc);
    aps.push(r.ap);
    const label = K === 2 ? undefined : classes[k];
    roc.push({ ...r.roc, ...(label === undefined ? {} : { label }) });
    pr.push({ ...r.pr, ...(label === undefined ? {} : { label }) });
  }
  if (aucs.length) {
    metrics.auc = mean(aucs);
    metrics.pr_auc = mean(aps);
  }
  const diagnostics: Diagnostics = { confusion: { labels: classes, matrix: cm }, roc, pr };
  if (K === 2) diagnostics.calibration = calibration(y, proba);
  return { metrics, diagnostics };
}

function mcc(cm: number[][], n: number): number {
  const K = cm.length;
  let c = 0;
  const t = new Array<number>(K).fill(0);
  const p = new Array<number>(K).fill(0);
  for (let i = 0; i < K; i++) {
    c += cm[i][i];
    for (let j = 0; j < K; j++) {
      t[i] += cm[i][j];
      p[j] += cm[i][j];
    }
  }
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let k = 0; k < K; k++) {
    tp += t[k] * p[k];
    pp += p[k] * p[k];
    tt += t[k] * t[k];
  }
  const den = Math.sqrt(n * n - pp) * Math.sqrt(n * n - tt);
  return den > 0 ? (c * n - tp) / den : 0;
}

function kappa(cm: number[][], n: number): number {
  const K = cm.length;
  let po = 0;
  let pe = 0;
  for (let k = 0; k < K; k++) {
    po += cm[k][k];
    let row = 0;
    let col = 0;
    for (let j = 0; j < K; j++) {
      row += cm[k][j];
      col += cm[j][k];
    }
    pe += row * col;
  }
  po /= n;
  pe /= n * n;
  return pe < 1 ? (po - pe) / (1 - pe) : 0;
}

/**
 * ROC AUC (ties counted half, via the trapezoid over distinct thresholds), average
 * precision (step-wise, as scikit-learn), and thinned ROC and PR curves.
 */
export function rankCurves(
  scores: Float64Array,
  labels: Uint8Array,
): { auc: number; ap: number; roc: Curve; pr: Curve } | null {
  const n = scores.length;
  let P = 0;
  for (let i = 0; i < n; i++) P += labels[i];
  const N = n - P;
  if (P === 0 || N === 0) return null;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b] - scores[a]);
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let ap = 0;
  let prevTpr = 0;
  let prevFpr = 0;
  let prevRecall = 0;
  const fprs: number[] = [0];
  const tprs: number[] = [0];
  const recalls: number[] = [];
  const precisions: number[] = [];
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if (labels[i]) tp++;
    else fp++;
    if (j + 1 < n && scores[order[j + 1]] === scores[i]) continue;
    const tpr = tp / P;
    const fpr = fp / N;
    auc += ((fpr - prevFpr) * (tpr + prevTpr)) / 2;
    const precision = tp / (tp + fp);
    ap += (tpr - prevRecall) * precision;
    prevTpr = tpr;
    prevFpr = fpr;
    prevRecall = tpr;
    fprs.push(fpr);
    tprs.push(tpr);
    recalls.push(tpr);
    precisions.push(precision);
  }
  return { auc, ap, roc: thin(fprs, tprs), pr: thin(recalls, precisions) };
}

function thin(x: number[], y: number[]): Curve {
  if (x.length <= CURVE_POINTS) return { x, y };
  const step = (x.length - 1) / (CURVE_POINTS - 1);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let j = 0; j < CURVE_POINTS; j++) {
    const i = Math.round(j * step);
    xs.push(x[i]);
    ys.push(y[i]);
  }
  return { x: xs, y: ys };
}

/** Reliability diagram for the positive class: 10 equal-width probability bins. */
function calibration(y: Float64Array, proba: Float64Array): Curve {
  const bins = 10;
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const p = proba[2 * i + 1];
    const b = Math.min(bins - 1, Math.floor(p * bins));
    sumP[b] += p;
    sumY[b] += y[i];
    count[b]++;
  }
  const x: number[] = [];
  const yy: number[] = [];
  for (let b = 0; b < bins; b++) {
    if (!count[b]) continue;
    x.push(sumP[b] / count[b]);
    yy.push(sumY[b] / count[b]);
  }
  return { x, y: yy };
}
