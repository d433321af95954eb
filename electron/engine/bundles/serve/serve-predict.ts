/**
 * One prediction request against a served bundle (docs/architecture.md "Serving a bundle"):
 * the request's columns become [N, 1] tensors (double or string, as the signature says), the
 * one session runs, and the outputs are written as the JSON the server answers — labels and
 * probabilities with the classes' order, or the regression prediction. The JSON text is built
 * directly from the output arrays (no intermediate arrays of arrays per row).
 */
import * as ort from 'onnxruntime-node';
import type { BundleSignature } from '../../../../shared/bundles';
import type { RequestColumns } from './request-columns';
import type { ServedBundle } from './served-bundle';

function feeds(signature: BundleSignature, input: RequestColumns): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  signature.inputs.forEach((spec, c) => {
    const column = input.columns[c]!;
    out[spec.name] =
      column instanceof Float64Array
        ? new ort.Tensor('float64', column, [input.rows, 1])
        : new ort.Tensor('string', column, [input.rows, 1]);
  });
  return out;
}

/** JSON numbers: ONNX never gives NaN for a finite input, but a null keeps the text valid JSON. */
function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

function classificationJson(
  labels: readonly string[],
  proba: Float64Array,
  classes: readonly string[],
): string {
  const k = classes.length;
  const rows = new Array<string>(labels.length);
  for (let r = 0; r < labels.length; r++) {
    let row = '[';
    for (let j = 0; j < k; j++) row += (j ? ',' : '') + num(proba[r * k + j]!);
    rows[r] = `${row}]`;
  }
  return `{"label":${JSON.stringify(labels)},"probabilities":[${rows.join(',')}],"classes":${JSON.stringify(classes)}}`;
}

function regressionJson(values: Float64Array): string {
  const parts = new Array<string>(values.length);
  for (let r = 0; r < values.length; r++) parts[r] = num(values[r]!);
  return `{"prediction":[${parts.join(',')}]}`;
}

/** Runs the bundle on the request's columns; returns the JSON response text. */
export async function predictJson(bundle: ServedBundle, input: RequestColumns): Promise<string> {
  const { signature } = bundle;
  const outputs = await bundle.session.run(feeds(signature, input));
  if (signature.task === 'regression') return regressionJson(outputs.prediction!.data as Float64Array);
  return classificationJson(
    outputs.label!.data as string[],
    outputs.probabilities!.data as Float64Array,
    signature.classes ?? [],
  );
}
