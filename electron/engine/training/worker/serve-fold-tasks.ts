/**
 * The fold helper's side of parallel-folds.ts: rebuilds the same session from the job
 * (the folds are seeded, so they come out identical) and runs tasks claimed off the
 * shared counter until none are left, posting each outcome as it finishes.
 */
import { serializeModel } from '../model';
import { runFoldTask } from '../fold-tasks';
import { startSession } from '../train-session';
import type { ProgressHooks } from '../types';
import type { SerializedFoldOutcome, WorkerRequest } from './messages';

export async function serveFoldTasks(
  msg: Extract<WorkerRequest, { type: 'folds' }>,
  hooks: ProgressHooks,
  post: (outcome: SerializedFoldOutcome) => void,
): Promise<null> {
  // Progress stays with the worker the user watches; this one only reports outcomes.
  const s = startSession(msg.job, { isCancelled: hooks.isCancelled });
  const counter = new Int32Array(msg.counter);
  for (;;) {
    if (hooks.isCancelled?.()) break;
    const i = Atomics.add(counter, 0, 1);
    if (i >= msg.tasks.length) break;
    const task = msg.tasks[i]!;
    const { fitted, prediction, predictSeconds, permutation } = await runFoldTask(s, task);
    post({
      task,
      model: serializeModel(fitted.model),
      history: fitted.history,
      seconds: fitted.seconds,
      ...(fitted.backend ? { backend: fitted.backend } : {}),
      ...(prediction ? { prediction } : {}),
      predictSeconds,
      ...(permutation ? { permutation } : {}),
    });
  }
  return null;
}
