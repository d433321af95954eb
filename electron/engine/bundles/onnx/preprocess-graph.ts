/**
 * The fitted preprocessing pipeline (training/preprocess/pipeline.ts) as ONNX operators,
 * ending in one double matrix [N, D] whose columns are the pipeline's features in order.
 * Inputs follow scikit-learn's ONNX convention for mixed tables: one input per column,
 * named as the column, shape [N, 1]; numbers and booleans are double (NaN = missing),
 * text is string with "" as the missing value. Arithmetic stays in double so the engine's
 * standardisation is reproduced exactly (ai.onnx.ml Scaler/Imputer hold float32
 * constants). See docs/architecture.md ("Inside the training capability").
 */
import { ApiError } from '../../../../shared/errors';
import type { PipelineState } from '../../training/preprocess/pipeline';
import { attr, type GraphBuilder } from './graph-builder';
import { DT } from './onnx-proto';

type Step = PipelineState['steps'][number];
type CategoricalStep = Extract<Step, { kind: 'categorical' }>;

/** The missing value of a text input: ONNX string tensors have no null. */
export const MISSING_TEXT = '';

/** Declares one graph input per pipeline input column; returns their names in order. */
export function declareInputs(b: GraphBuilder, state: PipelineState): string[] {
  return state.inputs.map((c) =>
    b.input({ name: c.name, type: c.kind === 'categorical' ? DT.STRING : DT.DOUBLE, dims: ['N', 1] }),
  );
}

/**
 * The feature matrix the learner saw. Tree mode: `missingBins[f]` is feature f's missing
 * bin, where the trees send NaN and codes they never saw; categories are fed as that code
 * already, so the tree never needs a NaN test on a categorical feature.
 */
export function featureMatrix(
  b: GraphBuilder,
  state: PipelineState,
  inputs: string[],
  missingBins?: Int32Array,
): string {
  const parts: string[] = [];
  state.steps.forEach((step, s) => {
    const x = inputs[s];
    if (step.kind === 'datetime') {
      throw new ApiError(
        'UNSUPPORTED',
        `The datetime column "${step.column}" cannot be exported to ONNX yet (its calendar parts have no ONNX operator); convert it to numbers and retrain.`,
      );
    }
    if (step.kind === 'numeric') {
      if (state.mode === 'tree') parts.push(x);
      else parts.push(...standardised(b, x, step.stats, step.indicator));
    } else if (state.mode === 'tree') {
      parts.push(treeCodes(b, x, step, missingBins ? missingBins[parts.length] : Infinity));
    } else parts.push(oneHot(b, x, step));
  });
  if (parts.length === 0)
    throw new ApiError('UNSUPPORTED', 'A model without input features cannot be exported to ONNX.');
  return parts.length === 1 ? parts[0] : b.op('Concat', parts, { axis: attr.int(1) });
}

/** (x − mean) / std with NaN replaced by the median's standardised value, plus the missing indicator. */
function standardised(
  b: GraphBuilder,
  x: string,
  stats: { median: number; mean: number; std: number },
  indicator: boolean,
): string[] {
  // The same operations in the same order as pipeline.ts `standardise`.
  const inv = 1 / stats.std;
  const z = b.op('Mul', [b.op('Sub', [x, b.doubles('mean', [stats.mean])]), b.doubles('inv_std', [inv])]);
  const nan = b.op('IsNaN', [x]);
  const fill = b.doubles('fill', [(stats.median - stats.mean) * inv]);
  const out = [b.op('Where', [nan, fill, z])];
  if (indicator) out.push(b.op('Cast', [nan], { to: attr.int(DT.DOUBLE) }));
  return out;
}

/** Category index per row: kept categories by rank, unseen ones "other" (when kept), missing → `missing`. */
function categoryIndex(
  step: CategoricalStep,
  unseen: number,
  missing: number,
): { keys: string[]; values: number[]; unseen: number } {
  const keys = [...step.categories];
  const values = step.categories.map((_, i) => i);
  // "" is the missing value unless the training data had it as a real category.
  if (!step.categories.includes(MISSING_TEXT)) {
    keys.push(MISSING_TEXT);
    values.push(missing);
  }
  return { keys, values, unseen };
}

/** Tree mode: the category's code, or the missing bin where the trees send missing and unknown codes. */
function treeCodes(b: GraphBuilder, x: string, step: CategoricalStep, missingBin: number): string {
  const clamp = (code: number): number => (code < missingBin ? code : missingBin);
  const otherCode = step.other ? step.categories.length : missingBin;
  const m = categoryIndex(step, otherCode, missingBin);
  const codes = b.op(
    'LabelEncoder',
    [x],
    {
      keys_strings: attr.strings(m.keys),
      values_floats: attr.floats(m.values.map(clamp)),
      default_float: attr.float(clamp(m.unseen)),
    },
    { domain: 'ml' },
  );
  return b.op('Cast', [codes], { to: attr.int(DT.DOUBLE) });
}

/** Dense mode: one 0/1 column per kept category (and "other"); missing rows are all zeros. */
function oneHot(b: GraphBuilder, x: string, step: CategoricalStep): string {
  const width = step.categories.length + (step.other ? 1 : 0);
  const m = categoryIndex(step, step.other ? step.categories.length : -1, -1);
  const index = b.op(
    'LabelEncoder',
    [x],
    {
      keys_strings: attr.strings(m.keys),
      values_int64s: attr.ints(m.values),
      default_int64: attr.int(m.unseen),
    },
    { domain: 'ml' },
  );
  const slots = b.int64s(
    'slots',
    Array.from({ length: width }, (_, k) => k),
  );
  return b.op('Cast', [b.op('Equal', [index, slots])], { to: attr.int(DT.DOUBLE) });
}
