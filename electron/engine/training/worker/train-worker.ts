/**
 * Worker-thread entry: runs one training, search or prediction from a message and
 * posts progress, then the result or an error in the API's error shape. Kept free of
 * TypeScript-only runtime features so it runs from source under tsx and from a bundle.
 */
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../../../shared/errors';
import { deserializeModel, predict, prepareModel, type Model } from '../model';
import { searchParams } from '../search';
import { serveFoldTasks } from './serve-fold-tasks';
import { runTraining } from '../train';
import type { Column, Prediction, ProgressHooks } from '../types';
import type { WorkerReply, WorkerRequest } from './messages';

const port = parentPort;
if (!port) throw new Error('train-worker must run in a worker thread');

port.once('message', (msg: WorkerRequest) => {
  const flag = new Int32Array(msg.cancelFlag);
  const hooks: ProgressHooks = {
    isCancelled: () => Atomics.load(flag, 0) === 1,
    onProgress: (progress) => post({ type: 'progress', progress }),
  };
  const work =
    msg.type === 'train'
      ? runTraining(msg.job, hooks)
      : msg.type === 'search'
        ? searchParams(msg.request, hooks)
        : msg.type === 'folds'
          ? serveFoldTasks(msg, hooks, (outcome) => post({ type: 'fold', outcome }))
          : predictLoaded(deserializeModel(msg.model), msg.columns);
  work.then(
    (result) => post({ type: 'result', result }),
    (err: unknown) => {
      const error =
        err instanceof ApiError
          ? err.toJSON()
          : {
              code: 'INTERNAL' as const,
              message: `Training failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`,
            };
      post({ type: 'error', error });
    },
  );
});

/** A model decoded here has never predicted, so it is compiled once before its first batch. */
function predictLoaded(model: Model, columns: Column[]): Promise<Prediction> {
  const first = columns[0];
  prepareModel(model, first ? (first.kind === 'categorical' ? first.codes.length : first.values.length) : 0);
  return predict(model, columns);
}

function post(reply: WorkerReply): void {
  port?.postMessage(reply);
}
