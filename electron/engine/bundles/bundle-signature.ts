/**
 * A bundle's signature.json: the input columns the ONNX graph takes (one input per column,
 * shape [N, 1], named as the column), their dataset types, nullability and the categories the
 * model saw, and its outputs (label and probabilities, or prediction), from the stored model
 * and the training version's columns.
 */
import type { BundleSignature, SignatureInput } from '../../../shared/bundles';
import type { ColumnInfo } from '../../../shared/datasets';
import type { Model } from '../training/model';

/** Most categories written per column. */
const MAX_CATEGORIES = 1000;

type PipelineStep = Model['pipeline']['steps'][number];

/** `missing`: the training version's missing values per input column. */
export function bundleSignature(
  model: Model,
  columns: readonly ColumnInfo[],
  missing: ReadonlyMap<string, number>,
): BundleSignature {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const steps = new Map<string, PipelineStep>(model.pipeline.steps.map((s) => [s.column, s]));
  const inputs = model.pipeline.inputs.map((input): SignatureInput => {
    const info = byName.get(input.name);
    const step = steps.get(input.name);
    const text = input.kind === 'categorical';
    return {
      name: input.name,
      type: info?.type ?? (text ? 'VARCHAR' : 'DOUBLE'),
      onnxType: text ? 'string' : 'double',
      nullable: (missing.get(input.name) ?? 1) > 0,
      ...(step?.kind === 'categorical' && { categories: step.categories.slice(0, MAX_CATEGORIES) }),
    };
  });
  const classification = model.task !== 'regression';
  return {
    task: model.task,
    target: model.target,
    inputs,
    outputs: classification
      ? [
          { name: 'label', onnxType: 'string', shape: ['N'] },
          { name: 'probabilities', onnxType: 'double', shape: ['N', model.classes.length] },
        ]
      : [{ name: 'prediction', onnxType: 'double', shape: ['N', 1] }],
    ...(classification && { classes: [...model.classes] }),
  };
}
