/**
 * Operations group A (owned by K2): columns, cast, filter, sort, missing values,
 * duplicates and text operations. Placeholder created by the recipe engine so the
 * registry (ops/index.ts) compiles before the first operation lands; K2 owns this file.
 */
import type { AnyOpDefinition } from '../op-definition';

export const groupA: AnyOpDefinition[] = [];
