/**
 * The messages between a caller and the training worker. Data travels as typed arrays
 * (their buffers transferred, not copied); cancel is a SharedArrayBuffer flag the
 * worker polls between iterations, since its event loop is busy while it trains.
 */
import type { ApiErrorShape } from '../../../../shared/errors';
import type { SearchRequest, SearchResult } from '../search';
import type { SerializedModel } from '../model-format';
import type {
  Column,
  FeatureImportance,
  FitHistory,
  Prediction,
  TrainJob,
  TrainProgress,
  TrainResult,
} from '../types';

export type WorkerRequest =
  | { type: 'train'; job: TrainJob; cancelFlag: SharedArrayBuffer }
  | { type: 'search'; request: SearchRequest; cancelFlag: SharedArrayBuffer }
  | { type: 'predict'; model: SerializedModel; columns: Column[]; cancelFlag: SharedArrayBuffer }
  /** A fold helper (parallel-folds.ts): run `tasks` claimed off the shared `counter`. */
  | {
      type: 'folds';
      job: TrainJob;
      tasks: number[];
      counter: SharedArrayBuffer;
      cancelFlag: SharedArrayBuffer;
    };

/** One finished fold task from a fold helper (fold-tasks.ts). */
export interface SerializedFoldOutcome {
  task: number;
  model: SerializedModel;
  history: FitHistory;
  seconds: number;
  backend?: string;
  prediction?: Prediction;
  predictSeconds: number;
  permutation?: FeatureImportance['permutation'];
}

export type WorkerReply =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'fold'; outcome: SerializedFoldOutcome }
  | { type: 'result'; result: TrainResult | SearchResult | Prediction | null }
  | { type: 'error'; error: ApiErrorShape };
