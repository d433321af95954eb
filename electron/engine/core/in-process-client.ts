/**
 * The API client for callers that share the engine's process (the CLI, tests): every
 * call goes through `dispatch`, so a request is validated and its errors are worded
 * exactly as when it arrives over Electron IPC or the browser-mode WebSocket, and events
 * come straight from the engine's bus. A caller written against `ApiClient` works the
 * same over any transport.
 */
import type { ApiClient, ApiMethod, ApiRequest, ApiResponse } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { dispatch } from './dispatch';
import type { EventBus } from './event-bus';
import type { Handlers } from './handlers';

export function inProcessClient(handlers: Handlers, events: EventBus): ApiClient {
  return {
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
      const result = await dispatch(handlers, method, request);
      if (!result.ok) throw ApiError.from(result.error);
      return result.value as ApiResponse<M>;
    },
    on: (event, listener) => events.on(event, listener),
  };
}
