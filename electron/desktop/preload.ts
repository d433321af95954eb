/**
 * The only bridge between the sandboxed page and the main process: `window.assay`, one
 * named function per contract method plus `on(event, listener)`. The raw `ipcRenderer`
 * and its events never reach the page (Electron security checklist item 20).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { apiMethods } from '../../shared/api';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, type DesktopBridge } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { eventNames, type EventName } from '../../shared/events';

const bridge: Record<string, unknown> = {};
for (const method of apiMethods) {
  // Results cross as plain `{ ok, value | error }`: Error subclasses do not survive the bridge.
  bridge[method] = (request: unknown) =>
    ipcRenderer.invoke(IPC_CALL_PREFIX + method, request) as Promise<Result<unknown>>;
}
bridge.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`Unknown event ${String(event)}`);
  const forward = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
};

bridge.pathForFile = (file: File) => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld('assay', bridge as DesktopBridge);
