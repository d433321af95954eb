/**
 * The browser-mode adapter over the contract: each WebSocket message is one call,
 * dispatched through the same validation as Electron IPC, answered with a `Result`;
 * every engine event is pushed to every connected page. Knows no method by name.
 *
 * Nothing a client sends may stop the server: protocol violations (bad UTF-8, unmasked or
 * oversized frames, reserved opcodes) are closed by `ws` itself with 1002/1007/1009 once
 * the socket has an 'error' listener; a message that is a well-formed frame but not a
 * readable call is answered with `fatal` and closed with 1007; answers and events go
 * through `sendBounded`, which drops clients that stop reading.
 */
import type { WebSocket, WebSocketServer } from 'ws';
import { decodeMessage, encodeMessage, type ClientMessage, type ServerMessage } from '../../shared/wire';
import { dispatch, type Engine } from '../engine/index';
import { sendBounded } from './bounded-send';

/** Invalid frame payload data (RFC 6455 §7.4.1). */
const UNREADABLE_MESSAGE_CLOSE_CODE = 1007;

export function attachWebSocketAdapter(wss: WebSocketServer, engine: Engine): () => void {
  const unsubscribe = engine.events.onAny((event, payload) => {
    const frame = encodeMessage({ type: 'event', event, payload });
    for (const socket of wss.clients) sendBounded(socket, frame);
  });
  wss.on('connection', (socket) => {
    // Without a listener, `ws` reporting a client's protocol error would end the process.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      handleMessage(socket, engine, data, isBinary).catch(() => socket.terminate());
    });
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
    socket.close(UNREADABLE_MESSAGE_CLOSE_CODE, 'Unreadable message.');
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
  sendBounded(socket, encodeMessage(message));
}

function toBytes(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return Buffer.from(data as ArrayBuffer);
}
