/**
 * Runs a k-fold training's fits (fold-tasks.ts) on two cores when the table is small:
 * on small tables a fit is too short to split inside the learner (its helper threads
 * start only past AUTO_THREADS_MIN_CELLS), so whole fits go to a second worker instead.
 * Both sides claim the next task from one shared counter, so neither waits for the
 * other to boot or to finish a long fit; a helper that fails or never starts leaves its
 * claimed tasks to be run here. Results are the same as running every task in turn:
 * each task is seeded alone, whoever runs it.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { columnLength } from './rows';
import { deserializeModel } from './model';
import { foldTasks, runFoldTask, type FoldTaskOutcome } from './fold-tasks';
import { startWorker } from '../core/worker-start';
import { checkCancel, type TrainSession } from './train-session';
import type { SerializedFoldOutcome, WorkerReply, WorkerRequest } from './worker/messages';
import { trainWorkerUrl } from './worker-url';

/**
 * Up to this many cells (rows × columns) the fits share the cores whole; above it the
 * learners split their own work across threads, and a second copy of the table would cost
 * memory for nothing.
 */
const PARALLEL_FOLDS_MAX_CELLS = 2_000_000;

/** How often a training waiting on its helper looks for a cancel. */
const CANCEL_POLL_MS = 100;

/** Tasks the last k-fold training's helper ran (for tests and diagnostics). */
export const lastFoldRun = { helperTasks: 0 };

export async function runFoldTasks(s: TrainSession): Promise<Map<number, FoldTaskOutcome>> {
  const tasks = foldTasks(s);
  const helper = shouldShare(s, tasks.length) ? FoldHelper.start(s, tasks) : null;
  const counter = helper?.counter ?? new Int32Array(1);
  const done = new Map<number, FoldTaskOutcome>();
  // ASSAY_PARALLEL_FOLDS=helper leaves every task to the helper: tests check its results that way.
  const claimHere = process.env.ASSAY_PARALLEL_FOLDS !== 'helper' || !helper;
  try {
    while (claimHere) {
      checkCancel(s);
      const i = Atomics.add(counter, 0, 1);
      if (i >= tasks.length) break;
      done.set(tasks[i]!, await runFoldTask(s, tasks[i]!));
    }
    lastFoldRun.helperTasks = 0;
    if (helper && done.size < tasks.length) {
      const received = await helper.results(tasks.length - done.size, () => checkCancel(s));
      for (const [task, outcome] of received) done.set(task, outcome);
      lastFoldRun.helperTasks = received.size;
    }
    for (const task of tasks) {
      if (done.has(task)) continue;
      checkCancel(s);
      done.set(task, await runFoldTask(s, task));
    }
  } finally {
    helper?.stop();
  }
  return done;
}

function shouldShare(s: TrainSession, nTasks: number): boolean {
  if (nTasks < 2 || availableParallelism() < 2 || process.env.ASSAY_PARALLEL_FOLDS === '0') return false;
  const cells = columnLength(s.job.data.target) * (s.columns.length + 1);
  return cells <= PARALLEL_FOLDS_MAX_CELLS;
}

/** The second worker: the same training worker entry, serving tasks off the shared counter. */
class FoldHelper {
  readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private readonly cancelFlag = new SharedArrayBuffer(4);
  private readonly received = new Map<number, FoldTaskOutcome>();
  private ended = false;
  private wake: (() => void) | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'fold') this.received.set(reply.outcome.task, revive(reply.outcome));
      else if (reply.type === 'result' || reply.type === 'error') this.end();
      this.wake?.();
    });
    worker.on('error', () => this.end());
    worker.on('exit', () => this.end());
  }

  static start(s: TrainSession, tasks: number[]): FoldHelper | null {
    try {
      const worker = startWorker(trainWorkerUrl());
      const helper = new FoldHelper(worker);
      const request: WorkerRequest = {
        type: 'folds',
        job: s.job,
        tasks,
        counter: helper.counter.buffer as SharedArrayBuffer,
        cancelFlag: helper.cancelFlag,
      };
      worker.postMessage(request);
      return helper;
    } catch {
      return null;
    }
  }

  /**
   * Waits until `expected` outcomes came back or the helper ended; returns what came.
   * `poll` runs every CANCEL_POLL_MS meanwhile (a cancel throws from it).
   */
  async results(expected: number, poll: () => void): Promise<Map<number, FoldTaskOutcome>> {
    while (this.received.size < expected && !this.ended) {
      poll();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CANCEL_POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.received;
  }

  stop(): void {
    Atomics.store(new Int32Array(this.cancelFlag), 0, 1);
    void this.worker.terminate();
  }

  private end(): void {
    this.ended = true;
  }
}

function revive(o: SerializedFoldOutcome): FoldTaskOutcome {
  return {
    fitted: {
      model: deserializeModel(o.model),
      history: o.history,
      seconds: o.seconds,
      ...(o.backend ? { backend: o.backend } : {}),
    },
    ...(o.prediction ? { prediction: o.prediction } : {}),
    predictSeconds: o.predictSeconds,
    ...(o.permutation ? { permutation: o.permutation } : {}),
  };
}
