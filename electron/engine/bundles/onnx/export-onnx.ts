/**
 * `exportOnnx(model)`: a stored model (training/model.ts) — its preprocessing pipeline
 * and estimator — as one ONNX graph, the `model.onnx` of a bundle. ONNX Runtime on it
 * gives the engine's `predict` output (tests hold it to 1e-5). What cannot be expressed
 * (datetime features, output names taken by a column) throws an ApiError naming it.
 * See docs/architecture.md ("Inside the training capability").
 */
import { ApiError } from '../../../../shared/errors';
import type { Model } from '../../training/model';
import { linearScores, mlpOutput } from './dense-graph';
import { GraphBuilder } from './graph-builder';
import { encodeModel, IR_VERSION, OPSET_DEFAULT, OPSET_ML } from './onnx-proto';
import {
  binaryProbabilities,
  constantRows,
  exposeClassification,
  exposeRegression,
  OUTPUT_NAMES,
  scoresToProbabilities,
} from './outputs-graph';
import { declareInputs, featureMatrix } from './preprocess-graph';
import { missingBins, treeScores } from './trees-graph';

/** What a bundle states about its graph. */
export const ONNX_VERSIONS = { irVersion: IR_VERSION, opset: OPSET_DEFAULT, mlOpset: OPSET_ML } as const;

export function exportOnnx(model: Model, producerVersion = '0.1.0'): Uint8Array {
  for (const c of model.pipeline.inputs) {
    if (OUTPUT_NAMES.includes(c.name))
      throw new ApiError(
        'UNSUPPORTED',
        `The input column "${c.name}" has the name of an ONNX output of the model; rename it and retrain to export.`,
      );
  }
  const b = new GraphBuilder(OUTPUT_NAMES);
  const inputs = declareInputs(b, model.pipeline);
  const result = estimatorOutput(b, model, inputs);
  if (model.task === 'regression') exposeRegression(b, result);
  else exposeClassification(b, result, model.classes);
  return encodeModel({
    graph: b.build(`assay_${model.algorithm}`),
    producerVersion,
    docString: `Assay ${model.algorithm} model (${model.task}) predicting "${model.target}".`,
    metadata: { target: model.target, algorithm: model.algorithm, task: model.task },
  });
}

/** Probabilities [N, classes] for classification, the prediction [N, 1] for regression. */
function estimatorOutput(b: GraphBuilder, model: Model, inputs: string[]): string {
  const est = model.estimator;
  const K = model.classes.length;
  switch (est.kind) {
    case 'baseline':
      if (inputs.length === 0)
        throw new ApiError('UNSUPPORTED', 'A model without input columns cannot be exported to ONNX.');
      return constantRows(b, inputs[0], est.values);
    case 'trees': {
      const X = featureMatrix(b, model.pipeline, inputs, missingBins(est.ensemble));
      const scores = treeScores(b, est.ensemble, X);
      if (model.task === 'regression') return scores;
      const sum = est.ensemble.combine === 'sum';
      if (model.task === 'binary') return scoresToProbabilities(b, scores, sum ? 'logistic' : 'clip', K);
      return scoresToProbabilities(b, scores, sum ? 'softmax' : 'normalise', K);
    }
    case 'linear': {
      const eta = linearScores(b, est.linear, featureMatrix(b, model.pipeline, inputs));
      if (model.task === 'regression') return eta;
      return scoresToProbabilities(b, eta, model.task === 'binary' ? 'logistic' : 'softmax', K);
    }
    case 'mlp': {
      const out = mlpOutput(b, est.mlp, featureMatrix(b, model.pipeline, inputs));
      return model.task === 'binary' ? binaryProbabilities(b, out) : out;
    }
  }
}
