/**
 * Hyperparameter search and the algorithm leaderboard. Grid search walks the full
 * product of the listed values; random search draws from ranges (log-uniform when
 * asked). Both stop at a trial or time budget, whichever comes first, and rank trials
 * by the task's primary metric.
 */
import { ApiError } from '../../../shared/errors';
import { higherIsBetter, primaryMetric } from '../../../shared/metrics';
import { Rng } from './learners/random';
import { inferTask } from './task';
import { runTraining } from './train';
import type { MetricKey, Metrics, ProgressHooks, TrainJob, TrainParams } from './types';

export type ParamSpace = Partial<
  Record<
    keyof TrainParams,
    Array<number | boolean | number[]> | { min: number; max: number; log?: boolean; int?: boolean }
  >
>;

export interface SearchRequest {
  base: TrainJob;
  space: ParamSpace;
  strategy: 'grid' | 'random';
  maxTrials?: number;
  maxSeconds?: number;
  metric?: MetricKey;
}

export interface Trial {
  params: TrainParams;
  metrics: Metrics;
  score: number;
  fitSeconds: number;
}

export interface SearchResult {
  metric: MetricKey;
  trials: Trial[];
  best: Trial;
  stoppedBy: 'exhausted' | 'trials' | 'time';
}

export async function searchParams(req: SearchRequest, hooks: ProgressHooks = {}): Promise<SearchResult> {
  const task = req.base.task ?? inferTask(req.base.data.target);
  const metric = req.metric ?? primaryMetric(task);
  const better = higherIsBetter(metric);
  const seed = req.base.params?.seed ?? 42;
  const maxTrials = req.maxTrials ?? (req.strategy === 'grid' ? Infinity : 20);
  const deadline = req.maxSeconds ? Date.now() + req.maxSeconds * 1000 : Infinity;
  const candidates = req.strategy === 'grid' ? gridPoints(req.space) : null;
  const rng = new Rng(seed ^ 0x5ea7);
  const trials: Trial[] = [];
  let stoppedBy: SearchResult['stoppedBy'] = 'exhausted';
  const total = Math.min(maxTrials, candidates ? candidates.length : maxTrials);
  for (let t = 0; ; t++) {
    if (candidates && t >= candidates.length) break;
    if (t >= maxTrials) {
      stoppedBy = 'trials';
      break;
    }
    if (Date.now() >= deadline) {
      stoppedBy = 'time';
      break;
    }
    if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'The search was cancelled.');
    const point = candidates ? candidates[t] : randomPoint(req.space, rng);
    const params = { ...req.base.params, ...point };
    const result = await runTraining(
      { ...req.base, task, params, permutationImportance: false, refit: false },
      { isCancelled: hooks.isCancelled },
    );
    const score = result.metrics[metric] ?? (better ? -Infinity : Infinity);
    trials.push({ params: result.params, metrics: result.metrics, score, fitSeconds: result.fitSeconds });
    hooks.onProgress?.({
      stage: 'Search',
      iteration: t + 1,
      total: Number.isFinite(total) ? total : t + 1,
      validLoss: score,
    });
  }
  if (!trials.length)
    throw new ApiError(
      'INVALID_INPUT',
      'The search budget ended before the first trial finished; allow more seconds or trials.',
    );
  const sorted = [...trials].sort((a, b) => (better ? b.score - a.score : a.score - b.score));
  return { metric, trials, best: sorted[0], stoppedBy };
}

function gridPoints(space: ParamSpace): TrainParams[] {
  let points: Array<Record<string, unknown>> = [{}];
  for (const [name, values] of Object.entries(space)) {
    if (!Array.isArray(values))
      throw new ApiError(
        'INVALID_INPUT',
        `Grid search needs a list of values for "${name}", not a range; list the values or use random search.`,
      );
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points as TrainParams[];
}

function randomPoint(space: ParamSpace, rng: Rng): TrainParams {
  const out: Record<string, unknown> = {};
  for (const [name, dom] of Object.entries(space)) {
    if (Array.isArray(dom)) out[name] = dom[rng.int(dom.length)];
    else if (dom) {
      const u = rng.next();
      let v = dom.log
        ? Math.exp(Math.log(dom.min) + u * (Math.log(dom.max) - Math.log(dom.min)))
        : dom.min + u * (dom.max - dom.min);
      if (dom.int) v = Math.round(v);
      out[name] = v;
    }
  }
  return out as TrainParams;
}
