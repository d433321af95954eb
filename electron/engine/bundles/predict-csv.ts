/**
 * The CSV a bundle prediction writes (bundle-predict.ts): the input's columns as read, then
 * `prediction` and, for classification, `proba_<class>` in the classes' order — the columns
 * `assay predict RUN` writes, so the two outputs compare cell for cell.
 */
import type * as ort from 'onnxruntime-node';
import type { BundleSignature } from '../../../shared/bundles';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** The columns added after the input's. */
export function outputColumns(signature: BundleSignature): string[] {
  const classes = signature.classes ?? [];
  return signature.task === 'regression'
    ? ['prediction']
    : ['prediction', ...classes.map((c) => `proba_${c}`)];
}

/** Row r's added cells from ONNX Runtime's outputs. */
export function predictionCells(
  signature: BundleSignature,
  outputs: ort.InferenceSession.OnnxValueMapType,
  r: number,
): unknown[] {
  if (signature.task === 'regression') return [(outputs.prediction?.data as Float64Array | undefined)?.[r]];
  const k = signature.classes?.length ?? 0;
  const proba = outputs.probabilities?.data as Float64Array | undefined;
  const label = outputs.label?.data as string[] | undefined;
  return [label?.[r], ...Array.from({ length: k }, (_c, j) => proba?.[r * k + j])];
}
