/**
 * The engine's view of the algorithm catalogue (declared in shared/, where the contract
 * enforces its ranges): a lookup by id and the defaults a run fills in, so a run records
 * the exact params it trained with.
 */
import { CATALOGUE } from '../../../shared/training-catalogue';
import { algorithmInfo } from '../../../shared/training-limits';
import type { AlgorithmInfo } from '../../../shared/training';
import type { AlgorithmId, TrainParams } from './types';

export { CATALOGUE };

export function algorithmSpec(id: AlgorithmId): AlgorithmInfo {
  return algorithmInfo(id);
}

/** The params a run will use: the request's values over the catalogue defaults. */
export function resolveParams(id: AlgorithmId, params: TrainParams = {}): TrainParams {
  const given = params as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const p of algorithmSpec(id).params) out[p.name] = given[p.name] ?? p.default;
  return out as TrainParams;
}
