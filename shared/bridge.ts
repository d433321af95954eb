/**
 * What the desktop preload exposes as `window.assay`: one named function per contract
 * method plus `on(event, listener)`. The listener receives only the payload, never
 * Electron's IPC event, so the page cannot reach `ipcRenderer` through it. Calls resolve
 * to a `Result` rather than rejecting, because Electron strips Error subclasses.
 */
import { apiMethods, type Api, type ApiMethod } from './api';
import type { Result } from './errors';
import type { EventName, Events } from './events';

/** One function per contract method, named after it. */
export type BridgeMethods = {
  [M in ApiMethod]: (request: Api[M]['request']) => Promise<Result<Api[M]['response']>>;
};

export type DesktopBridge = BridgeMethods & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** The path of a file dropped on the window (a browser never reveals it; Electron does). */
  pathForFile(file: unknown): string;
};

/** IPC channel names, shared by the preload and the main process. */
export const IPC_CALL_PREFIX = 'assay:call:';
export const IPC_EVENT_CHANNEL = 'assay:event';

/**
 * The bridge's method functions, each invoking its method's channel. Built from
 * `apiMethods` so a new method needs no preload edit; kept out of the preload (which
 * needs Electron) so a test can check that every method is there.
 */
export function bridgeMethods(
  invoke: (channel: string, request: unknown) => Promise<unknown>,
): BridgeMethods {
  const methods: Partial<Record<ApiMethod, (request: unknown) => Promise<unknown>>> = {};
  for (const method of apiMethods) methods[method] = (request) => invoke(IPC_CALL_PREFIX + method, request);
  // The loop fills every method, and the main process answers each channel with a `Result`.
  return methods as BridgeMethods;
}
