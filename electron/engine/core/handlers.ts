/**
 * The shape the engine implements: one async function per contract method. Each
 * capability contributes a slice (`HandlerSlice<CapabilityApi>`); the engine intersects
 * the slices and the compiler checks that every method of `Api` has exactly one handler.
 */
import type { Api } from '../../../shared/api';
import type { MethodTable } from '../../../shared/contract';

export type HandlerSlice<T extends MethodTable<T>> = {
  [M in keyof T]: (request: T[M]['request']) => Promise<T[M]['response']>;
};

export type Handlers = HandlerSlice<Api>;
