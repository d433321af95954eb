/**
 * The Electron adapter over the contract: one `ipcMain.handle` per method, each checking
 * the sender frame and dispatching through the same validation as the browser-mode
 * server; engine events go to every window on one channel. Generic: it knows no method.
 */
import { apiMethods } from '../../shared/api';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { dispatch, type Engine } from '../engine/index';
import { isTrustedSender } from './security/navigation-policy';

/** The slice of `ipcMain` this adapter needs (so it can be exercised without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export function bindIpc(ipcMain: IpcMainLike, engine: Engine, targets: () => WebContentsLike[]): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(IPC_CALL_PREFIX + method, async (event, payload): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame?.url, frame !== null && frame.parent === null)) {
        return {
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'Calls are accepted only from the Assay window.' },
        };
      }
      return dispatch(engine.handlers, method, payload);
    });
  }
  const unsubscribe = engine.events.onAny((name, payload) => {
    for (const contents of targets())
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const method of apiMethods) ipcMain.removeHandler(IPC_CALL_PREFIX + method);
  };
}
