/**
 * Operations group B: dates, numbers (round, clip, scale), encodings (bin, one_hot),
 * reshaping (group_by, join) and steps written in SQL (formula, sql). Each lives in a file
 * named for its concept; this list is what ops/index.ts registers.
 */
import type { AnyOpDefinition } from '../op-definition';
import { datePart, parseDate } from './date-ops';
import { bin, oneHot } from './encode-ops';
import { formula, sqlStep } from './expression-ops';
import { groupBy } from './group-op';
import { join } from './join-op';
import { clip, round, scale } from './numeric-ops';

export const groupB: AnyOpDefinition[] = [
  parseDate,
  datePart,
  round,
  clip,
  scale,
  bin,
  oneHot,
  groupBy,
  join,
  formula,
  sqlStep,
] as AnyOpDefinition[];
