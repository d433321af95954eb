/**
 * The MLP's forward pass in plain JavaScript, for the networks js-trainer.ts trains
 * (mlp.ts's size rule): predicting them on tfjs would load TensorFlow.js into the worker
 * (about a second) for a pass that costs milliseconds. The stored float32 weights are
 * applied in double, as the ONNX export's float network is within 1e-5 of.
 */
import { gemmABt, transpose } from './dense-kernels';
import type { MlpModel } from './mlp';

/** Rows per pass, so the activations stay small. */
const CHUNK = 4096;

/** The output layer's activations (n × units, row-major): probabilities or standardised values. */
export function forwardJs(model: MlpModel, X: Float64Array[], n: number): Float64Array {
  const layers = model.layers.map((l) => {
    const kernelT = new Float64Array(l.inputs * l.units);
    transpose(Float64Array.from(l.kernel), kernelT, l.inputs, l.units);
    return { ...l, kernelT, bias64: Float64Array.from(l.bias) };
  });
  const d = X.length;
  const k = layers[layers.length - 1].units;
  const out = new Float64Array(n * k);
  const widest = Math.max(d, ...layers.map((l) => l.units));
  let a = new Float64Array(CHUNK * widest);
  let b = new Float64Array(CHUNK * widest);
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    const m = Math.min(CHUNK, n - i0);
    for (let f = 0; f < d; f++) {
      const col = X[f];
      for (let r = 0; r < m; r++) a[r * d + f] = col[i0 + r];
    }
    for (const l of layers) {
      gemmABt(a, l.kernelT, b, m, l.units, l.inputs, l.bias64);
      activate(b, m, l.units, l.activation);
      [a, b] = [b, a];
    }
    out.set(a.subarray(0, m * k), i0 * k);
  }
  return out;
}

function activate(
  h: Float64Array,
  m: number,
  units: number,
  act: MlpModel['layers'][number]['activation'],
): void {
  const size = m * units;
  if (act === 'relu') for (let e = 0; e < size; e++) h[e] = h[e] > 0 ? h[e] : 0;
  else if (act === 'sigmoid') for (let e = 0; e < size; e++) h[e] = 1 / (1 + Math.exp(-h[e]));
  else if (act === 'softmax') {
    for (let r = 0; r < m; r++) {
      const at = r * units;
      let max = -Infinity;
      for (let c = 0; c < units; c++) max = Math.max(max, h[at + c]);
      let sum = 0;
      for (let c = 0; c < units; c++) {
        h[at + c] = Math.exp(h[at + c] - max);
        sum += h[at + c];
      }
      for (let c = 0; c < units; c++) h[at + c] /= sum;
    }
  }
}
