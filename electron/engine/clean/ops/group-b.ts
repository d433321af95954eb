/**
 * Operations group B (owned by K3): dates, round/clip/scale/bin/one_hot, group_by, join,
 * formula and sql. Placeholder created by the recipe engine so the registry
 * (ops/index.ts) compiles before the first operation lands; K3 owns this file.
 */
import type { AnyOpDefinition } from '../op-definition';

export const groupB: AnyOpDefinition[] = [];
