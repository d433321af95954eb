/**
 * What the desktop preload exposes as `window.assay`: one named function per contract
 * method plus `on(event, listener)`. The listener receives only the payload, never
 * Electron's IPC event, so the page cannot reach `ipcRenderer` through it. Calls resolve
 * to a `Result` rather than rejecting, because Electron strips Error subclasses.
 */
import type { Api, ApiMethod } from './api';
import type { Result } from './errors';
import type { EventName, Events } from './events';

export type DesktopBridge = {
  [M in ApiMethod]: (request: Api[M]['request']) => Promise<Result<Api[M]['response']>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** The path of a file dropped on the window (a browser never reveals it; Electron does). */
  pathForFile(file: unknown): string;
};

/** IPC channel names, shared by the preload and the main process. */
export const IPC_CALL_PREFIX = 'assay:call:';
export const IPC_EVENT_CHANNEL = 'assay:event';
