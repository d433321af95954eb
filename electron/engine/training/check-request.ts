/**
 * Checks a training request against the catalogue before any run is created: params the
 * algorithm does not have, values of the wrong type or out of range, an algorithm that
 * cannot serve the task. Each problem is one sentence naming what to change, because the
 * engine's learners silently ignore params they do not know.
 */
import { ApiError } from '../../../shared/errors';
import type { AlgorithmId, ParamValue, Task } from '../../../shared/training';
import { algorithmSpec } from './catalogue';

export function checkParams(algorithm: AlgorithmId, params: Record<string, ParamValue> = {}): void {
  const spec = algorithmSpec(algorithm);
  for (const [name, value] of Object.entries(params)) {
    if (name === 'seed') continue;
    const p = spec.params.find((q) => q.name === name);
    if (!p) {
      const known = spec.params.map((q) => q.name).filter((n) => n !== 'seed');
      throw new ApiError(
        'INVALID_INPUT',
        `${spec.label} has no parameter "${name}"; ${known.length ? `its parameters are ${known.join(', ')}` : 'it takes no parameters'}.`,
      );
    }
    const ok =
      p.type === 'bool'
        ? typeof value === 'boolean'
        : p.type === 'int_list'
          ? Array.isArray(value) && value.length > 0 && value.every((v) => Number.isInteger(v) && v > 0)
          : typeof value === 'number' &&
            Number.isFinite(value) &&
            (p.type === 'float' || Number.isInteger(value));
    if (!ok) {
      const wanted =
        p.type === 'bool'
          ? 'true or false'
          : p.type === 'int_list'
            ? 'a list of positive whole numbers such as 64,32'
            : p.type === 'int'
              ? 'a whole number'
              : 'a number';
      throw new ApiError(
        'INVALID_INPUT',
        `The parameter ${name} of ${spec.label} must be ${wanted}, not ${JSON.stringify(value)}.`,
      );
    }
    if (typeof value === 'number') {
      if ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max)) {
        const range =
          p.min !== undefined && p.max !== undefined
            ? `between ${p.min} and ${p.max}`
            : p.min !== undefined
              ? `at least ${p.min}`
              : `at most ${p.max}`;
        throw new ApiError(
          'INVALID_INPUT',
          `The parameter ${name} of ${spec.label} must be ${range}, not ${value}.`,
        );
      }
    }
  }
}

/** Refuses an algorithm that cannot learn `task` (linear regression on classes …). */
export function checkAlgorithmTask(algorithm: AlgorithmId, task: Task, target: string): void {
  const spec = algorithmSpec(algorithm);
  if (spec.tasks.includes(task)) return;
  const alternative = algorithm === 'linear_regression' ? 'logistic regression' : 'linear regression';
  throw new ApiError(
    'INVALID_INPUT',
    `${spec.label} cannot learn "${target}", a ${task} target (it serves ${spec.tasks.join(' and ')} tasks); use ${alternative} instead.`,
  );
}
