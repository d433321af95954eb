/**
 * The graph's outputs, named as scikit-learn's ONNX converter names them: `label` ([N],
 * the class name) and `probabilities` ([N, classes], the model's class order) for
 * classification, `prediction` ([N, 1]) for regression. Also the links that turn raw
 * scores into probabilities the way the engine's predict does. See docs/architecture.md
 * ("Inside the training capability").
 */
import { attr, type GraphBuilder } from './graph-builder';
import { DT } from './onnx-proto';

export const OUTPUT_NAMES = ['label', 'probabilities', 'prediction'];

/** [1 − p, p] from the positive class's probability [N, 1]. */
export function binaryProbabilities(b: GraphBuilder, p1: string): string {
  const p0 = b.op('Sub', [b.doubles('one', [1]), p1]);
  return b.op('Concat', [p0, p1], { axis: attr.int(1) });
}

/**
 * Probabilities from scores [N, nOut]: 'logistic' and 'softmax' for margins, 'clip' and
 * 'normalise' for forests' averaged class shares (tree-ensemble.ts `scoresToOutput`).
 */
export function scoresToProbabilities(
  b: GraphBuilder,
  scores: string,
  link: 'logistic' | 'softmax' | 'clip' | 'normalise',
  nClasses: number,
): string {
  switch (link) {
    case 'logistic':
      return binaryProbabilities(b, b.op('Sigmoid', [scores]));
    case 'clip':
      return binaryProbabilities(
        b,
        b.op('Clip', [scores, b.doubles('zero', [0], []), b.doubles('one', [1], [])]),
      );
    case 'softmax':
      return b.op('Softmax', [scores], { axis: attr.int(1) });
    case 'normalise': {
      const r = b.op('Relu', [scores]);
      const sum = b.op('ReduceSum', [r, b.int64s('axis', [1])], { keepdims: attr.int(1) });
      const share = b.op('Div', [r, sum]);
      const positive = b.op('Greater', [sum, b.doubles('zero', [0], [])]);
      return b.op('Where', [positive, share, b.doubles('uniform', [1 / nClasses], [])]);
    }
  }
}

/** `probabilities` and `label` (the most probable class; the first on ties). */
export function exposeClassification(b: GraphBuilder, probabilities: string, classes: string[]): void {
  b.expose(probabilities, { name: 'probabilities', type: DT.DOUBLE, dims: ['N', classes.length] });
  const best = b.op('ArgMax', [probabilities], { axis: attr.int(1), keepdims: attr.int(0) });
  const names = b.constant('classes', [classes.length], { type: DT.STRING, values: classes });
  b.op('Gather', [names, best], { axis: attr.int(0) }, { out: 'label' });
  b.output({ name: 'label', type: DT.STRING, dims: ['N'] });
}

export function exposeRegression(b: GraphBuilder, prediction: string): void {
  b.expose(prediction, { name: 'prediction', type: DT.DOUBLE, dims: ['N', 1] });
}

/** Rows of `values` [1, width] repeated once per input row: the baseline's constant output. */
export function constantRows(b: GraphBuilder, anyInput: string, values: ArrayLike<number>): string {
  const n = b.op('Shape', [anyInput], { start: attr.int(0), end: attr.int(1) });
  const shape = b.op('Concat', [n, b.int64s('width', [values.length])], { axis: attr.int(0) });
  return b.op('Expand', [b.doubles('constant', values, [1, values.length]), shape]);
}
