/**
 * The messages between a caller and the training worker. Data travels as typed arrays
 * (their buffers transferred, not copied); cancel is a SharedArrayBuffer flag the
 * worker polls between iterations, since its event loop is busy while it trains.
 */
import type { ApiErrorShape } from '../../../../shared/errors';
import type { SearchRequest, SearchResult } from '../search';
import type { SerializedModel } from '../model-format';
import type { Column, Prediction, TrainJob, TrainProgress, TrainResult } from '../types';

export type WorkerRequest =
  | { type: 'train'; job: TrainJob; cancelFlag: SharedArrayBuffer }
  | { type: 'search'; request: SearchRequest; cancelFlag: SharedArrayBuffer }
  | { type: 'predict'; model: SerializedModel; columns: Column[]; cancelFlag: SharedArrayBuffer };

export type WorkerReply =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'result'; result: TrainResult | SearchResult | Prediction }
  | { type: 'error'; error: ApiErrorShape };
