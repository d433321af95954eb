/**
 * Worker entry of PredictThread (see predict-threads.ts): compiles (and warms) the models
 * it is sent, then scores the row ranges it is handed through shared memory. It never
 * returns to its event loop; it polls its port between jobs.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { compileTrees, warmCompiled, type CompiledTrees } from './compiled-trees';
import {
  PREDICT_CONTROL,
  WORKER_MODELS,
  type PredictJobMessage,
  type PredictModelMessage,
  type PredictWorkerData,
} from './predict-threads';

const { SEQ, DONE, MODEL, FAILED } = PREDICT_CONTROL;
const wd = workerData as PredictWorkerData;
const ctrl = new Int32Array(wd.ctrl);
const models = new Map<number, CompiledTrees>();
let seen = 0;
let pending: PredictJobMessage | null = null;

/** Compiles the models posted so far; stops at a job (kept in `pending`). */
function drain(): void {
  while (!pending) {
    const m = receiveMessageOnPort(wd.port);
    if (!m) return;
    const msg = m.message as PredictModelMessage | PredictJobMessage;
    if (msg.type === 'job') {
      pending = msg;
      return;
    }
    const compiled = compileTrees(msg.trees, msg.missingBin, msg.outWidth, msg.weight);
    warmCompiled(compiled, msg.missingBin.length);
    models.set(msg.id, compiled);
    models.delete(msg.id - WORKER_MODELS);
    Atomics.store(ctrl, MODEL, msg.id);
    Atomics.notify(ctrl, MODEL);
  }
}

for (;;) {
  drain();
  const seq = Atomics.load(ctrl, SEQ);
  if (seq === seen) {
    Atomics.wait(ctrl, SEQ, seen, 20);
    continue;
  }
  seen = seq;
  try {
    while (!pending) drain();
    const job: PredictJobMessage = pending;
    pending = null;
    const compiled = models.get(job.id);
    if (!compiled) throw new Error('predict worker: unknown model');
    const x = new Float64Array(job.x);
    const X = Array.from({ length: job.d }, (_, f) => x.subarray(f * job.n, (f + 1) * job.n));
    compiled.run(X, new Float64Array(job.out), 0, job.n);
  } catch {
    Atomics.store(ctrl, FAILED, 1);
  }
  Atomics.store(ctrl, DONE, seq);
  Atomics.notify(ctrl, DONE);
}
