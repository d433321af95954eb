/**
 * A run as the Train view follows it: the stage and iteration from `run.progress`, the
 * loss curve drawn so far, and the run's record once it has finished. Pure, so the curve
 * rules (one curve per fold, restart on a new fold) are tested without a store.
 */
import type { AlgorithmId, RunDetail, RunProgress } from '../../shared/training';

export interface CurvePoint {
  iteration: number;
  trainLoss?: number;
  validLoss?: number;
}

export interface LiveRun {
  runId: string;
  algorithm: AlgorithmId;
  stage: string;
  iteration: number;
  total: number;
  fold?: number;
  folds?: number;
  curve: CurvePoint[];
  detail: RunDetail | null;
}

/** A run the engine has accepted and not yet started. */
export function waitingRun(runId: string, algorithm: AlgorithmId): LiveRun {
  return { runId, algorithm, stage: 'Waiting', iteration: 0, total: 0, curve: [], detail: null };
}

/** The run after one progress event: stage and counts, and one more point on its curve. */
export function withProgress(run: LiveRun, p: RunProgress): Partial<LiveRun> {
  const point: CurvePoint = { iteration: p.iteration };
  if (p.trainLoss !== undefined) point.trainLoss = p.trainLoss;
  if (p.validLoss !== undefined) point.validLoss = p.validLoss;
  const hasLoss = p.trainLoss !== undefined || p.validLoss !== undefined;
  // A new fold starts its curve again; keep the latest fold's curve only.
  const restart = run.fold !== p.fold || (run.curve.at(-1)?.iteration ?? -1) > p.iteration;
  const curve = hasLoss ? [...(restart ? [] : run.curve), point] : run.curve;
  return { stage: p.stage, iteration: p.iteration, total: p.total, fold: p.fold, folds: p.folds, curve };
}
