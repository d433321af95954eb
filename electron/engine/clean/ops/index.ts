/**
 * The registry of cleaning operations: every definition from the group files, by name.
 * The recipe engine looks steps up here only, so an operation exists once it is listed
 * in its group's array (see docs/architecture.md, "Inside the clean capability"); the
 * feature operations (electron/engine/features/ops/) are the third group.
 */
import type { StepOp } from '../../../../shared/clean/recipe';
import type { AnyOpDefinition, OpDefinition } from '../op-definition';
import { groupA } from './group-a';
import { groupB } from './group-b';
import { featureOps } from '../../features/ops/feature-ops';

export const opDefinitions: Partial<Record<StepOp, AnyOpDefinition>> = Object.fromEntries(
  [...groupA, ...groupB, ...featureOps].map((definition) => [definition.op, definition]),
);

/** The definition of `op`, typed to it, or undefined while nobody has written it. */
export function definitionOf<Op extends StepOp>(op: Op): OpDefinition<Op> | undefined {
  return opDefinitions[op] as OpDefinition<Op> | undefined;
}
