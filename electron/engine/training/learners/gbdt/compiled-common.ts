/**
 * What both tree compilers share: the compiled predictor's shape and the two ways a
 * number may enter generated source. Only `num` and `int` write numbers into code, which
 * is what keeps code generation safe (see compiled-trees.ts).
 */
import type { BinnedPlan } from './compile-masks';

export interface CompiledTrees {
  /** 'masks': the branch-free bin-table path; 'branches': compiled if/else (and walked stages). */
  kind: 'masks' | 'branches';
  plan?: BinnedPlan;
  outWidth: number;
  /** Adds every tree's output (times the weight given at compile time) for rows [b0, b1). */
  run(X: Float64Array[], out: Float64Array, b0: number, b1: number): void;
}

/** A double as a JavaScript literal that reads back as exactly the same double. */
export function num(v: number): string {
  if (Object.is(v, -0)) return '-0';
  const s = v.toString();
  return v < 0 ? `(${s})` : s;
}

export function int(v: number): string {
  if (!Number.isInteger(v)) throw new Error('compiled trees: expected an integer');
  return v.toString();
}
