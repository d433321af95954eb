/**
 * Linear/logistic models and MLPs (training/learners/linear, learners/mlp) as Gemm nodes.
 * Linear coefficients stay double, as the engine computes them. The MLP's weights are
 * float32 and the engine's forward pass runs in float32 on tfjs, so the network runs in
 * float here too and only its output returns to double (regression's target scale is
 * applied in double, as predictMlp does). See docs/architecture.md ("Inside the training capability").
 */
import type { LinearModel } from '../../training/learners/linear/linear-model';
import type { MlpModel } from '../../training/learners/mlp/mlp';
import { attr, type GraphBuilder } from './graph-builder';
import { DT } from './onnx-proto';

/** η = intercept + X·w per output: [N, nOut]. */
export function linearScores(b: GraphBuilder, model: LinearModel, X: string): string {
  const D = model.d + 1;
  const W: number[] = [];
  const bias: number[] = [];
  for (let k = 0; k < model.nOut; k++) {
    bias.push(model.coef[k * D]);
    for (let j = 0; j < model.d; j++) W.push(model.coef[k * D + j + 1]);
  }
  return b.op('Gemm', [X, b.doubles('coef', W, [model.nOut, model.d]), b.doubles('intercept', bias)], {
    transB: attr.int(1),
  });
}

/**
 * The network's last layer, back in double: the positive class's probability [N, 1]
 * (binary), class probabilities (multiclass) or the standardised prediction mapped back
 * to the target's scale (regression).
 */
export function mlpOutput(b: GraphBuilder, model: MlpModel, X: string): string {
  let h = b.op('Cast', [X], { to: attr.int(DT.FLOAT) });
  for (const layer of model.layers) {
    const W = b.floats('kernel', layer.kernel, [layer.inputs, layer.units]);
    h = b.op('Gemm', [h, W, b.floats('bias', layer.bias)]);
    if (layer.activation === 'relu') h = b.op('Relu', [h]);
    else if (layer.activation === 'sigmoid') h = b.op('Sigmoid', [h]);
    else if (layer.activation === 'softmax') h = b.op('Softmax', [h], { axis: attr.int(1) });
  }
  const out = b.op('Cast', [h], { to: attr.int(DT.DOUBLE) });
  if (model.task !== 'regression') return out;
  return b.op('Add', [
    b.op('Mul', [out, b.doubles('y_std', [model.yStd])]),
    b.doubles('y_mean', [model.yMean]),
  ]);
}
