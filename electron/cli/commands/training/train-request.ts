/**
 * Turns the flags of `assay train` into the contract's `TrainRequest`, using the algorithm
 * catalogue the engine serves (`train.catalogue`): which algorithms `--algo` names for the
 * task, and which `--param` and `--space` names each algorithm has. Unknown names are
 * wrong usage here; values out of range are the engine's to refuse, in one sentence.
 */
import type { AlgorithmId, AlgorithmInfo, ParamValue, Task, TrainRequest } from '../../../../shared/training';
import { UsageError } from '../../cli-io';
import { spaceValues, type SearchFlags, type SearchSpec } from './search-flags';
import type { AlgoName, ParsedTrainFlags } from './train-flags';

export interface RequestContext {
  /** The dataset version's id. */
  version: string;
  target: string;
  /** The task given with --task, or the one the engine infers from the target. */
  task: Task;
  experiment?: string;
  catalogue: AlgorithmInfo[];
}

export function trainRequest(parsed: ParsedTrainFlags, context: RequestContext): TrainRequest {
  const { catalogue } = context;
  const algorithms = chooseAlgorithms(parsed.algo, context.task, catalogue);
  const search = parsed.search && searchSpec(parsed.search, specOf(algorithms[0]!, catalogue), catalogue);
  const all = parsed.algo === 'all';
  return {
    version: context.version,
    target: context.target,
    ...(parsed.task ? { task: parsed.task } : {}),
    ...(parsed.features ? { features: parsed.features } : {}),
    algorithms: algorithms.map((a) => ({
      algorithm: a,
      params: paramsFor(specOf(a, catalogue), parsed.params, all, catalogue),
    })),
    validation: parsed.validation,
    ...(parsed.seed === undefined ? {} : { seed: parsed.seed }),
    ...(context.experiment ? { experiment: context.experiment } : {}),
    ...(search ? { search } : {}),
  };
}

function chooseAlgorithms(name: AlgoName, task: Task, catalogue: AlgorithmInfo[]): AlgorithmId[] {
  switch (name) {
    case 'all':
      return catalogue.filter((a) => a.tasks.includes(task)).map((a) => a.id);
    case 'rf':
      return ['random_forest'];
    case 'extratrees':
      return ['extra_trees'];
    case 'linear':
      return [task === 'regression' ? 'linear_regression' : 'logistic_regression'];
    default:
      return [name];
  }
}

function specOf(id: AlgorithmId, catalogue: AlgorithmInfo[]): AlgorithmInfo {
  const spec = catalogue.find((a) => a.id === id);
  if (!spec) throw new UsageError(`This engine has no algorithm "${id}".`);
  return spec;
}

/** `--param` values for one algorithm; with --algo all each takes the params it knows. */
function paramsFor(
  spec: AlgorithmInfo,
  params: Record<string, ParamValue>,
  all: boolean,
  catalogue: AlgorithmInfo[],
): Record<string, ParamValue> | undefined {
  const known = new Set(spec.params.map((p) => p.name));
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(params)) {
    // hidden_layers=16 is a list of one layer.
    const list = spec.params.find((p) => p.name === k)?.type === 'int_list' && typeof v === 'number';
    if (known.has(k)) out[k] = list ? [v] : v;
    else if (!all) {
      const names = [...known].filter((n) => n !== 'seed');
      throw new UsageError(
        `${spec.label} has no parameter "${k}"; ${names.length ? `its parameters are ${names.join(', ')}` : 'it takes no parameters'}.`,
      );
    }
  }
  if (all) {
    for (const k of Object.keys(params)) {
      if (!catalogue.some((a) => a.params.some((p) => p.name === k)))
        throw new UsageError(
          `No algorithm has a parameter "${k}"; see each algorithm's parameters in the Train view.`,
        );
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The space read against the catalogue. Names the algorithm lacks are wrong usage, as
 * with --param; the engine checks every value before the first trial starts.
 */
function searchSpec(search: SearchFlags, spec: AlgorithmInfo, catalogue: AlgorithmInfo[]): SearchSpec {
  const listParams = new Set(
    catalogue.flatMap((a) => a.params.filter((p) => p.type === 'int_list').map((p) => p.name)),
  );
  const space = spaceValues(search.space, listParams);
  paramsFor(spec, Object.fromEntries(Object.keys(space).map((k) => [k, 0])), false, catalogue);
  return {
    strategy: search.strategy,
    space,
    ...(search.maxTrials === undefined ? {} : { maxTrials: search.maxTrials }),
    ...(search.maxSeconds === undefined ? {} : { maxSeconds: search.maxSeconds }),
  };
}
