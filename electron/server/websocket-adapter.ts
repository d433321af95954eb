/**
 * The browser-mode adapter over the contract: each WebSocket message is one call,
 * dispatched through the same validation as Electron IPC, answered with a `Result`;
 * every engine event is pushed to every connected page. Knows no method by name.
 */
import type { WebSocket, WebSocketServer } from 'ws';
import { decodeMessage, encodeMessage, type ClientMessage, type ServerMessage } from '../../shared/wire';
import { dispatch } from '../engine/core/dispatch';
import type { Engine } from '../engine/engine';

export function attachWebSocketAdapter(wss: WebSocketServer, engine: Engine): () => void {
  const unsubscribe = engine.events.onAny((event, payload) => {
    const frame = encodeMessage({ type: 'event', event, payload });
    for (const socket of wss.clients) if (socket.readyState === socket.OPEN) socket.send(frame);
  });
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => void handleMessage(socket, engine, data, isBinary));
  });
  return unsubscribe;
}

async function handleMessage(
  socket: WebSocket,
  engine: Engine,
  data: unknown,
  isBinary: boolean,
): Promise<void> {
  let message: ClientMessage;
  try {
    message = parseClientMessage(decodeMessage(isBinary ? toBytes(data) : toBytes(data).toString()));
  } catch {
    send(socket, {
      type: 'fatal',
      error: { code: 'BAD_REQUEST', message: 'The message could not be read.' },
    });
    return;
  }
  const result = await dispatch(engine.handlers, message.method, message.request);
  send(socket, { type: 'result', id: message.id, result });
}

function parseClientMessage(value: unknown): ClientMessage {
  const m = value as Partial<ClientMessage> | null;
  if (!m || m.type !== 'call' || typeof m.id !== 'number' || typeof m.method !== 'string') {
    throw new Error('not a call');
  }
  return { type: 'call', id: m.id, method: m.method, request: m.request };
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(encodeMessage(message));
}

function toBytes(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return Buffer.from(data as ArrayBuffer);
}
