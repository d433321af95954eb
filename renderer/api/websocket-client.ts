/**
 * The browser-mode transport: one WebSocket to the server that served the page (the
 * token travels as the HttpOnly cookie set on first load). Calls are matched to answers
 * by id; a dropped connection fails pending calls with a readable error and reconnects.
 */
import type { ApiClient, ApiMethod, ApiRequest, ApiResponse } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { EventName, Events } from '../../shared/events';
import { decodeMessage, encodeMessage, type ServerMessage } from '../../shared/wire';

type Pending = { resolve: (value: unknown) => void; reject: (error: ApiError) => void };

export class WebSocketClient implements ApiClient {
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  constructor(private readonly url: string) {}

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const socket = await this.connect();
    const id = this.nextId++;
    return new Promise<ApiResponse<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(encodeMessage({ type: 'call', id, method, request }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    void this.connect().catch(() => undefined);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  private connect(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    this.opening = new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(this.url);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => {
        this.socket = socket;
        this.opening = null;
        resolve(socket);
      };
      socket.onerror = () => {
        this.opening = null;
        reject(
          new ApiError(
            'INTERNAL',
            'Assay cannot reach its server; check that `assay serve` is still running.',
          ),
        );
      };
      socket.onclose = () => this.handleClose(socket);
      socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => this.handleMessage(event.data);
    });
    return this.opening;
  }

  private handleClose(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    const error = new ApiError(
      'INTERNAL',
      'The connection to Assay was lost; the last action may not have finished.',
    );
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    // Reconnect so events resume once the server is back.
    setTimeout(() => void this.connect().catch(() => undefined), 1000);
  }

  private handleMessage(data: string | ArrayBuffer): void {
    const message = decodeMessage(typeof data === 'string' ? data : new Uint8Array(data)) as ServerMessage;
    if (message.type === 'result') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.result.ok) pending.resolve(message.result.value);
      else pending.reject(ApiError.from(message.result.error));
    } else if (message.type === 'event') {
      for (const listener of this.listeners.get(message.event as EventName) ?? []) listener(message.payload);
    } else {
      console.error('Assay server refused a message:', message.error.message);
    }
  }
}
