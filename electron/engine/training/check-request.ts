/**
 * Checks a training request against the catalogue before any run is created: params the
 * algorithm does not have, values of the wrong type or out of range, an algorithm that
 * cannot serve the task. Each problem is one sentence naming what to change, because the
 * engine's learners silently ignore params they do not know.
 */
import { ApiError } from '../../../shared/errors';
import type { AlgorithmId, ParamValue, Task } from '../../../shared/training';
import { paramProblems } from '../../../shared/training-limits';
import { algorithmSpec } from './catalogue';

/** The contract's own param check, for callers that reach the service without dispatch. */
export function checkParams(algorithm: AlgorithmId, params: Record<string, ParamValue> = {}): void {
  const problem = paramProblems(algorithm, params)[0];
  if (!problem) return;
  const label = algorithmSpec(algorithm).label;
  throw new ApiError(
    'INVALID_INPUT',
    problem.message.startsWith(label)
      ? `${problem.message}.`
      : `The parameter ${problem.name} of ${label} ${problem.message}, not ${JSON.stringify(problem.name in params ? params[problem.name] : null)}.`,
  );
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
