/**
 * Operations group A: the set of columns (select, drop, rename, reorder, clone, cast),
 * rows (filter, sort), missing values and duplicates, and text. Each lives in the file
 * named for its concept; this list is what the registry (ops/index.ts) reads.
 */
import type { AnyOpDefinition } from '../op-definition';
import { columnsOps } from './columns-ops';
import { missingOps } from './missing-ops';
import { rowsOps } from './rows-ops';
import { textOps } from './text-ops';

export const groupA: AnyOpDefinition[] = [...columnsOps, ...rowsOps, ...missingOps, ...textOps];
