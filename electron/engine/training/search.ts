/**
 * Hyperparameter search and the algorithm leaderboard. Grid search walks the full
 * product of the listed values; random search draws from ranges (log-uniform when
 * asked). Both stop at a trial or time budget, whichever comes first, and rank trials
 * by the task's primary metric. The leaderboard fits every applicable algorithm with
 * its defaults under the same k-fold split and ranks them.
 */
import { ApiError } from '../../../shared/errors';
import { CATALOGUE } from './catalogue';
import { higherIsBetter, primaryMetric } from './metrics/evaluate';
import { Rng } from './random';
import { encodeTarget, inferTask } from './task';
import { runTraining } from './train';
import type {
  AlgorithmId,
  MetricKey,
  Metrics,
  ProgressHooks,
  Task,
  TrainData,
  TrainJob,
  TrainParams,
  ValidationSpec,
} from './types';

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

export interface LeaderboardEntry {
  rank: number;
  algorithm: AlgorithmId;
  metrics: Metrics;
  metricsStd?: Metrics;
  score: number;
  fitSeconds: number;
  predictSecondsPerRow: number;
  backend?: string;
  error?: string;
}

export interface LeaderboardRequest {
  data: TrainData;
  task?: Task;
  algorithms?: AlgorithmId[];
  validation?: ValidationSpec;
  seed?: number;
  metric?: MetricKey;
}

/** Every applicable algorithm with default params under the same folds, best first. */
export async function compareAlgorithms(
  req: LeaderboardRequest,
  hooks: ProgressHooks = {},
): Promise<{ metric: MetricKey; entries: LeaderboardEntry[] }> {
  const task = req.task ?? inferTask(req.data.target);
  encodeTarget(req.data.target, task);
  const metric = req.metric ?? primaryMetric(task);
  const better = higherIsBetter(metric);
  const algorithms = req.algorithms ?? CATALOGUE.filter((a) => a.tasks.includes(task)).map((a) => a.id);
  const validation = req.validation ?? { kind: 'kfold', folds: 5 };
  const entries: LeaderboardEntry[] = [];
  for (let j = 0; j < algorithms.length; j++) {
    if (hooks.isCancelled?.()) throw new ApiError('CANCELLED', 'The comparison was cancelled.');
    const algorithm = algorithms[j];
    hooks.onProgress?.({ stage: `Comparing: ${algorithm}`, iteration: j, total: algorithms.length });
    try {
      const r = await runTraining(
        {
          data: req.data,
          algorithm,
          task,
          validation,
          params: { seed: req.seed ?? 42 },
          permutationImportance: false,
          refit: false,
        },
        { isCancelled: hooks.isCancelled },
      );
      entries.push({
        rank: 0,
        algorithm,
        metrics: r.metrics,
        ...(r.metricsStd ? { metricsStd: r.metricsStd } : {}),
        score: r.metrics[metric] ?? NaN,
        fitSeconds: r.fitSeconds,
        predictSecondsPerRow: r.predictSecondsPerRow,
        ...(r.backend ? { backend: r.backend } : {}),
      });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CANCELLED') throw e;
      entries.push({
        rank: 0,
        algorithm,
        metrics: {},
        score: NaN,
        fitSeconds: 0,
        predictSecondsPerRow: 0,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  const key = (e: LeaderboardEntry): number =>
    Number.isFinite(e.score) ? (better ? -e.score : e.score) : Infinity;
  entries.sort((a, b) => key(a) - key(b));
  entries.forEach((e, i) => (e.rank = i + 1));
  hooks.onProgress?.({ stage: 'Compared', iteration: algorithms.length, total: algorithms.length });
  return { metric, entries };
}
