/**
 * The limits on training params, as sentences: every caller (form, CLI, WebSocket) meets
 * the same ranges from the catalogue, checked where the contract parses `train.start`,
 * so a value out of range is refused before a job exists and never reaches a learner.
 * Besides each param's own range, the size of the model as a whole is bounded, since
 * values each in range can still multiply into more memory than a machine has.
 */
import { CATALOGUE } from './training-catalogue';
import type { AlgorithmId, AlgorithmInfo, ParamSpec } from './training';

/** Weights between hidden layers of a network (float32 each, and Adam keeps two more). */
export const MAX_HIDDEN_WEIGHTS = 16_777_216;
/** Tree nodes a boosted model may plan for: n_estimators × max_leaves. */
export const MAX_TREE_LEAVES = 50_000_000;

export interface ParamProblem {
  /** The param's name (the field the sentence is about). */
  name: string;
  /** Completes "<field>: …", e.g. "must be an integer from 1 to 100000". */
  message: string;
}

export function algorithmInfo(id: AlgorithmId): AlgorithmInfo {
  const spec = CATALOGUE.find((a) => a.id === id);
  if (!spec) throw new Error(`unknown algorithm ${id}`);
  return spec;
}

/** What a param accepts, as the end of a sentence: "an integer from 1 to 100000". */
export function allowedValues(spec: ParamSpec): string {
  if (spec.type === 'bool') return 'true or false';
  const range = rangeText(spec);
  if (spec.type === 'int_list') {
    return `a list of 1 to ${spec.maxLength ?? 20} integers${range ? ` ${range}` : ''}, such as 64,32`;
  }
  return `${spec.type === 'int' ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}`;
}

function rangeText(spec: ParamSpec): string {
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `of at least ${min}`;
  if (max !== undefined) return `of at most ${max}`;
  return '';
}

function inRange(spec: ParamSpec, v: unknown): boolean {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (spec.type !== 'float' && !Number.isInteger(v)) return false;
  return (spec.min === undefined || v >= spec.min) && (spec.max === undefined || v <= spec.max);
}

/** Null when `value` is allowed for `spec`, otherwise "must be …". */
export function paramValueProblem(spec: ParamSpec, value: unknown): string | null {
  const ok =
    spec.type === 'bool'
      ? typeof value === 'boolean'
      : spec.type === 'int_list'
        ? Array.isArray(value) &&
          value.length > 0 &&
          value.length <= (spec.maxLength ?? 20) &&
          value.every((v) => inRange(spec, v))
        : inRange(spec, value);
  return ok ? null : `must be ${allowedValues(spec)}`;
}

/**
 * Every problem with one algorithm's params: names it does not have, values out of
 * range, and a model too large as a whole. `seed` is accepted by every algorithm.
 */
export function paramProblems(algorithm: AlgorithmId, params: Record<string, unknown> = {}): ParamProblem[] {
  const info = algorithmInfo(algorithm);
  const problems: ParamProblem[] = [];
  for (const [name, value] of Object.entries(params)) {
    const spec = info.params.find((p) => p.name === name) ?? (name === 'seed' ? SEED : undefined);
    if (!spec) {
      const known = info.params.map((p) => p.name).filter((n) => n !== 'seed');
      problems.push({
        name,
        message: `${info.label} has no parameter "${name}"; ${known.length ? `its parameters are ${known.join(', ')}` : 'it takes no parameters'}`,
      });
      continue;
    }
    const problem = paramValueProblem(spec, value);
    if (problem) problems.push({ name, message: problem });
  }
  if (problems.length === 0) problems.push(...sizeProblems(algorithm, params));
  return problems;
}

const SEED: ParamSpec = {
  name: 'seed',
  type: 'int',
  default: 42,
  min: 0,
  max: 2 ** 31 - 1,
  description: 'Seed for every random choice.',
};

/** Params each in range whose product is still too large a model. */
function sizeProblems(algorithm: AlgorithmId, params: Record<string, unknown>): ParamProblem[] {
  if (algorithm === 'mlp' && Array.isArray(params.hidden_layers)) {
    const layers = params.hidden_layers as number[];
    let weights = 0;
    for (let i = 0; i + 1 < layers.length; i++) weights += layers[i]! * layers[i + 1]!;
    if (weights > MAX_HIDDEN_WEIGHTS) {
      return [
        {
          name: 'hidden_layers',
          message: `gives ${weights} weights between hidden layers, more than the ${MAX_HIDDEN_WEIGHTS} a network may have; use fewer or narrower layers`,
        },
      ];
    }
  }
  if (algorithm === 'gbdt') {
    const trees = typeof params.n_estimators === 'number' ? params.n_estimators : 100;
    const leaves = typeof params.max_leaves === 'number' ? params.max_leaves : 31;
    if (trees * leaves > MAX_TREE_LEAVES) {
      return [
        {
          name: 'n_estimators',
          message: `with max_leaves ${leaves} makes up to ${trees * leaves} leaves, more than the ${MAX_TREE_LEAVES} a model may have; use fewer trees or fewer leaves`,
        },
      ];
    }
  }
  return [];
}

/**
 * Problems with a search space: each name must be a param of the algorithm and each
 * value allowed, so no trial fails half-way through a search. Paths are relative to
 * the space.
 */
export function spaceProblems(
  algorithm: AlgorithmId,
  space: Record<string, unknown[]>,
): Array<{ path: [string, number]; message: string }> {
  for (const [name, values] of Object.entries(space)) {
    for (let i = 0; i < values.length; i++) {
      const problem = paramProblems(algorithm, { [name]: values[i] })[0];
      if (problem) return [{ path: [name, i], message: problem.message }];
    }
  }
  return [];
}
