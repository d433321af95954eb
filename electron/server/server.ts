/**
 * Browser mode (`assay serve`): the same UI and the same engine, over HTTP and a
 * WebSocket on 127.0.0.1 by default. Every request passes the access checks in
 * `access-control.ts`; there is deliberately no option that turns the token off.
 *
 * Nothing a client sends may end the process: HTTP parse errors are answered per
 * connection (`clientError`), every socket has an 'error' listener, request targets are
 * parsed defensively (`http-routes.ts`), and WebSocket frames are checked by `ws` and the
 * wire format with close codes for that connection only (`websocket-adapter.ts`).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../shared/wire';
import type { Engine } from '../engine/index';
import { allowedHostnamesFor, decideAccess, newToken, type AccessPolicy } from './access-control';
import { handleRequest, parseTarget, requestFacts, type RouteContext } from './http-routes';
import { displayHost } from './public-address';
import { attachWebSocketAdapter } from './websocket-adapter';

export interface ServeOptions {
  engine: Engine;
  rendererDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  const detach = attachWebSocketAdapter(wss, options.engine);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const policy: AccessPolicy = { token, port, allowedHostnames: allowedHostnamesFor(host) };
  const context: RouteContext = {
    policy,
    rendererDir: options.rendererDir,
    workspaceRoot: () => options.engine.workspace.root,
  };

  server.on('clientError', answerClientError);
  server.on('request', (req, res) => handleRequest(context, req, res));
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own listener on upgrade; a reset before the handshake must not throw.
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(policy, req);
    if (refusal !== null) {
      socket.end(`HTTP/1.1 ${refusal} ${http.STATUS_CODES[refusal]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  return {
    url: `http://${displayHost(host)}:${port}/?token=${token}`,
    token,
    port,
    host,
    close: async () => {
      detach();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The status that refuses this upgrade, or null to accept it. */
function upgradeRefusal(policy: AccessPolicy, req: http.IncomingMessage): number | null {
  const target = parseTarget(req.url);
  if (target === null) return 400;
  const decision = decideAccess(policy, requestFacts(req, true));
  if (!decision.ok) return decision.status;
  return target.pathname === '/ws' ? null : 404;
}

/** Malformed HTTP (bad request line, oversized headers): an answer for that connection only. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const tcp = socket as Socket;
  if (error.code === 'ECONNRESET' || !tcp.writable || tcp.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
}
