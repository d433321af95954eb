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
  /** Registry logins kept encrypted by the OS keychain (desktop only; browser mode has none). */
  keychain: KeychainBridge;
};

/** Whether this computer can remember registry logins, and for which hosts it does. */
export type KeychainStatus = { available: true; hosts: string[] } | { available: false; reason: string };

export interface KeychainBridge {
  status(): Promise<Result<KeychainStatus>>;
  /** The remembered login for "host[:port]", or null. */
  get(host: string): Promise<Result<{ username: string; password: string } | null>>;
  remember(host: string, login: { username: string; password: string }): Promise<Result<null>>;
  forget(host: string): Promise<Result<null>>;
}

/** IPC channel names, shared by the preload and the main process. */
export const IPC_CALL_PREFIX = 'assay:call:';
export const IPC_EVENT_CHANNEL = 'assay:event';
export const IPC_KEYCHAIN_PREFIX = 'assay:keychain:';

/** The keychain functions, each invoking its channel (kept out of the preload, which needs Electron). */
export function keychainBridge(
  invoke: (channel: string, request: unknown) => Promise<unknown>,
): KeychainBridge {
  const call = <T>(name: string, request: unknown = {}): Promise<Result<T>> =>
    invoke(IPC_KEYCHAIN_PREFIX + name, request) as Promise<Result<T>>;
  return {
    status: () => call('status'),
    get: (host) => call('get', { host }),
    remember: (host, login) => call('remember', { host, username: login.username, password: login.password }),
    forget: (host) => call('forget', { host }),
  };
}

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
