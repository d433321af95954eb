/**
 * Sending to one WebSocket client without letting it cost the server unbounded memory.
 * A page that stops reading (a frozen tab, a hostile script) leaves every answer and
 * event queued in the server; past a cap the client is dropped with close code 1008 and
 * the socket is destroyed shortly after, since a client that reads nothing would never
 * receive the close frame either. One message may exceed the cap on an empty queue, so a
 * large legitimate answer is never refused.
 */
import type { WebSocket } from 'ws';

/** What one client may have queued and unread before it is dropped. */
export const MAX_SEND_QUEUE_BYTES = 32 * 1024 * 1024;

export const SLOW_CLIENT_CLOSE_CODE = 1008;
const CLOSE_GRACE_MS = 1000;

export function sendBounded(socket: WebSocket, frame: string | Uint8Array): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_SEND_QUEUE_BYTES) {
    dropSlowClient(socket);
    return;
  }
  // The callback swallows write errors: the socket's own 'error' listener handles them.
  socket.send(frame, () => undefined);
}

function dropSlowClient(socket: WebSocket): void {
  socket.close(SLOW_CLIENT_CLOSE_CODE, 'The page read answers too slowly; reload it.');
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}
