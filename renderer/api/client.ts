/**
 * The one API client of the UI. Inside the desktop app the preload exposes
 * `window.assay` (Electron IPC); in a browser the page talks WebSocket to the server that
 * served it. Views and stores use `api` and never know which. Stores take an `ApiClient`
 * as a parameter, so their tests hand them a fake one.
 */
import type { ApiClient, ApiMethod, ApiRequest, ApiResponse } from '../../shared/api';
import { ApiError, type Result } from '../../shared/errors';
import type { EventName, Events } from '../../shared/events';
import type { DesktopBridge } from '../../shared/bridge';
import { WebSocketClient } from './websocket-client';

declare global {
  interface Window {
    assay?: DesktopBridge;
  }
}

class DesktopClient implements ApiClient {
  constructor(private readonly bridge: DesktopBridge) {}

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const fn = this.bridge[method] as (request: unknown) => Promise<Result<unknown>>;
    const result = await fn(request);
    if (!result.ok) throw ApiError.from(result.error);
    return result.value as ApiResponse<M>;
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    return this.bridge.on(event, listener);
  }
}

function createClient(): ApiClient {
  if (window.assay) return new DesktopClient(window.assay);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new WebSocketClient(`${scheme}//${location.host}/ws`);
}

let real: ApiClient | undefined;

/**
 * The transport is chosen on the first call, not at import, so modules that import `api`
 * (the stores) load in Node tests where there is no `window`.
 */
function client(): ApiClient {
  real ??= createClient();
  return real;
}

export const api: ApiClient = {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    return client().call(method, request);
  },
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    return client().on(event, listener);
  },
};

export type { ApiClient } from '../../shared/api';
export { messageOf } from '../../shared/errors';
