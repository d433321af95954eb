/**
 * The caller's half of the tree engine's hand-off to a helper thread: after posting job
 * `seq`, block until the worker has stored `seq` in its DONE slot of the shared control
 * array. The histogram and prediction threads differ only in how they wait (busy-spin
 * first or not, watch FAILED while waiting or only after, how long silence is tolerated),
 * so both use this loop with their own options.
 */

export interface BarrierSlots {
  /** Index of the slot the worker stores the finished job's sequence number in. */
  done: number;
  /** Index of the slot the worker sets to non-zero when a job threw. */
  failed: number;
}

export interface BarrierOptions {
  /** Loads of DONE before the first sleep; short jobs finish sooner than a wake-up takes. */
  spins: number;
  /** Stop waiting as soon as FAILED is set, for workers that may not post DONE after failing. */
  watchFailed: boolean;
  /** Give up after this many one-second sleeps without the job finishing (a hung worker). */
  maxSleeps: number;
}

const SLEEP_MS = 1000;

/** True when job `seq` finished; false when the worker failed or stayed silent too long. */
export function waitForWorker(
  ctrl: Int32Array,
  slots: BarrierSlots,
  seq: number,
  options: BarrierOptions,
): boolean {
  let spins = 0;
  let slept = 0;
  for (;;) {
    const done = Atomics.load(ctrl, slots.done);
    if (done === seq) break;
    if (options.watchFailed && Atomics.load(ctrl, slots.failed) !== 0) break;
    if (spins < options.spins) {
      spins++;
      continue;
    }
    if (Atomics.wait(ctrl, slots.done, done, SLEEP_MS) === 'timed-out' && ++slept >= options.maxSleeps)
      return false;
  }
  return Atomics.load(ctrl, slots.failed) === 0;
}
