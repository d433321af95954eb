/**
 * The Train form's state as a `train.start` request: params only for the algorithms
 * run, and a search only when one algorithm is tuned and some candidates parse.
 */
import type { AlgorithmId, ParamValue, TrainRequest, ValidationSpec } from '../../shared/training';
import type { SearchSettings, TrainForm } from './train-store';

export function trainRequest(
  form: TrainForm,
  version: string,
  algorithms: AlgorithmId[],
  validation: ValidationSpec,
): TrainRequest {
  return {
    version,
    target: form.target,
    ...(form.task ? { task: form.task } : {}),
    features: form.features,
    algorithms: algorithms.map((algorithm) => ({
      algorithm,
      ...(form.params[algorithm] ? { params: form.params[algorithm] } : {}),
    })),
    validation,
    seed: form.seed,
    ...searchRequest(form.search, algorithms),
  };
}

/** The search part of a train request: only for one algorithm, only params given values. */
function searchRequest(search: SearchSettings, algorithms: AlgorithmId[]): Pick<TrainRequest, 'search'> {
  if (search.strategy === 'off' || algorithms.length !== 1) return {};
  const space: Record<string, ParamValue[]> = {};
  for (const [name, text] of Object.entries(search.space)) {
    const values = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => (t === 'true' ? true : t === 'false' ? false : Number(t)))
      .filter((v) => typeof v === 'boolean' || Number.isFinite(v));
    if (values.length > 0) space[name] = values;
  }
  if (Object.keys(space).length === 0) return {};
  return {
    search: { strategy: search.strategy, space, maxTrials: search.maxTrials, maxSeconds: search.maxSeconds },
  };
}
