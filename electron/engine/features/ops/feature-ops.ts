/**
 * The feature operations as one group for the recipe engine's registry
 * (electron/engine/clean/ops/index.ts): they are recipe steps like the cleaning ones
 * (docs/architecture.md, "Inside the clean capability"). Each lives in the file named
 * for its concept.
 */
import type { AnyOpDefinition } from '../../clean/op-definition';
import { categoryEncodings } from './category-encodings';
import { mathOps } from './math-ops';
import { textTokens } from './text-tokens-op';
import { windowOps } from './window-ops';

export const featureOps: AnyOpDefinition[] = [
  ...mathOps,
  ...windowOps,
  ...categoryEncodings,
  textTokens,
] as AnyOpDefinition[];
