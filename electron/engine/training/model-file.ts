/**
 * Reads a run's saved model file and refuses, in one sentence naming the file, anything
 * that is not a whole model: unreadable JSON, another format, arrays that do not decode,
 * and shapes that disagree with themselves (model-check.ts). Whatever passes can be
 * predicted with without looping, reading out of bounds or failing inside a learner.
 */
import fs from 'node:fs';
import { ApiError } from '../../../shared/errors';
import { ALGORITHM_IDS } from '../../../shared/training';
import { modelProblem } from './model-check';
import { deserializeModel, type Model } from './model';
import { MODEL_FORMAT, type SerializedModel } from './model-format';

export interface LoadedModelFile {
  /** The file as stored, for a worker to decode again. */
  serialized: SerializedModel;
  model: Model;
}

/** `shown` is how the sentence names the file (relative to the workspace where it lies there). */
export function loadModelFile(file: string, shown: string): LoadedModelFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ApiError(
      'NOT_FOUND',
      `The model file ${shown} is missing; retrain the run to predict with it.`,
    );
  }
  const damaged = (why: string): ApiError =>
    new ApiError('INVALID_INPUT', `The model file ${shown} is damaged: ${why}. Retrain the run.`);
  let serialized: SerializedModel;
  try {
    serialized = JSON.parse(text) as SerializedModel;
  } catch {
    throw damaged('it is not complete JSON');
  }
  const header = headerProblem(serialized);
  if (header) throw damaged(header);
  let model: Model;
  try {
    model = deserializeModel(serialized);
  } catch (error) {
    throw damaged(
      error instanceof RangeError
        ? 'one of its arrays has a length its type cannot have'
        : 'its arrays do not decode',
    );
  }
  const problem = modelProblem(model);
  if (problem) throw damaged(problem);
  return { serialized, model };
}

/** The fields outside the encoded body, checked before decoding it. */
function headerProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'it holds no model';
  const m = data as Partial<SerializedModel>;
  if (m.format !== MODEL_FORMAT) return `it is not in the "${MODEL_FORMAT}" format Assay reads`;
  if (!ALGORITHM_IDS.includes(m.algorithm as never)) return 'it names no algorithm Assay knows';
  if (typeof m.target !== 'string') return 'it names no target';
  if (
    !Array.isArray(m.inputs) ||
    !m.inputs.every(
      (i) =>
        typeof i?.name === 'string' && ['numeric', 'boolean', 'datetime', 'categorical'].includes(i?.kind),
    )
  )
    return 'its list of input columns is damaged';
  if (typeof m.body !== 'object' || m.body === null) return 'it has no pipeline or estimator';
  const body = m.body as Record<string, unknown>;
  if (typeof body.pipeline !== 'object' || body.pipeline === null) return 'it has no preprocessing pipeline';
  if (typeof body.estimator !== 'object' || body.estimator === null) return 'it has no estimator';
  return null;
}
