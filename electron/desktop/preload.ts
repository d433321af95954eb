/**
 * The only bridge between the sandboxed page and the main process: `window.assay`, one
 * named function per contract method plus `on(event, listener)`. The raw `ipcRenderer`
 * and its events never reach the page (Electron security checklist item 20).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_EVENT_CHANNEL, bridgeMethods, keychainBridge, type DesktopBridge } from '../../shared/bridge';
import { isEventName, type EventName, type Events } from '../../shared/events';

const bridge = {
  // Results cross as plain `{ ok, value | error }`: Error subclasses do not survive the bridge.
  ...bridgeMethods((channel, request) => ipcRenderer.invoke(channel, request)),
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    const forward = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Events[E]);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  keychain: keychainBridge((channel, request) => ipcRenderer.invoke(channel, request)),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('assay', bridge);
