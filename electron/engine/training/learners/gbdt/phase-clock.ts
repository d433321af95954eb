/**
 * Where a boosting fit spends its time, by phase (binning, gradients, histograms, split
 * search, partition, prediction update, model preparation). The benchmark prints the last fit's breakdown
 * next to the XGBoost ratio (docs/architecture.md, "Tests and benchmarks"); the clock
 * is read a few hundred times per tree, which costs nothing measurable.
 */

export const PHASES = [
  'binning',
  'gradients',
  'histograms',
  'split search',
  'partition',
  'prediction update',
  'model preparation',
] as const;
export type Phase = (typeof PHASES)[number];

export const BINNING = 0;
export const GRADIENTS = 1;
export const HISTOGRAMS = 2;
export const SPLIT_SEARCH = 3;
export const PARTITION = 4;
export const PREDICTION = 5;
/** Building the fitted ensemble for prediction (flat trees, compiled forms, the prediction thread). */
export const PREPARE = 6;

/** Milliseconds per phase of the fit in progress (or the last one). */
const spent = new Float64Array(PHASES.length);
let since = 0;

/**
 * Wall time by default. ASSAY_GBDT_CLOCK=cpu charges the process's CPU time instead, for
 * profiling single-threaded fits on a machine shared with other work.
 */
let now = (): number => performance.now();

/** Zeroes the clock at the start of a fit. */
export function resetPhases(): void {
  spent.fill(0);
  now =
    process.env.ASSAY_GBDT_CLOCK === 'cpu'
      ? () => {
          const u = process.cpuUsage();
          return (u.user + u.system) / 1000;
        }
      : () => performance.now();
  since = now();
}

/** Starts timing the next stretch of work. */
export function tick(): void {
  since = now();
}

/** Charges the time since the last tick/lap to `phase` and restarts the clock. */
export function lap(phase: number): void {
  const t = now();
  spent[phase] += t - since;
  since = t;
}

/** Seconds per phase of the last boosting fit in this thread. */
export function lastFitPhases(): Record<Phase, number> {
  return Object.fromEntries(PHASES.map((p, i) => [p, spent[i] / 1000])) as Record<Phase, number>;
}
