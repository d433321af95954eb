/**
 * Browser mode (`assay serve`): the same UI and the same engine, over HTTP and a
 * WebSocket on 127.0.0.1 by default. Every request passes the access checks in
 * `access-control.ts`; there is deliberately no option that turns the token off.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Engine } from '../engine/engine';
import { SECURITY_HEADERS } from '../../shared/security-headers';
import {
  allowedHostnamesFor,
  cookieName,
  decideAccess,
  newToken,
  type AccessPolicy,
  type RequestFacts,
} from './access-control';
import { readStaticFile } from './static-files';
import { receiveUpload } from './upload';
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

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const detach = attachWebSocketAdapter(wss, options.engine);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const policy: AccessPolicy = { token, port, allowedHostnames: allowedHostnamesFor(host) };

  server.on('request', (req, res) => {
    const decision = decideAccess(policy, factsOf(req, false));
    if (!decision.ok) {
      res.writeHead(decision.status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(`${decision.reason}\n`);
      return;
    }
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    if (decision.viaQuery) {
      headers['Set-Cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && pathname === '/upload') {
      void receiveUpload(options.engine.workspace.root, req, res, headers);
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      void serveFile(options.rendererDir, req, res, headers);
    } else {
      res.writeHead(405, { Allow: 'GET, HEAD, POST', ...SECURITY_HEADERS }).end();
    }
  });

  server.on('upgrade', (req, socket, head) => {
    const decision = decideAccess(policy, factsOf(req, true));
    if (!decision.ok || new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      const status = decision.ok ? 404 : decision.status;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const displayHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${displayHost}:${port}/?token=${token}`,
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

function factsOf(req: http.IncomingMessage, upgrade: boolean): RequestFacts {
  return {
    url: req.url ?? '/',
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    mustHaveOrigin: upgrade || (req.method !== 'GET' && req.method !== 'HEAD'),
  };
}

async function serveFile(
  rendererDir: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const file = await readStaticFile(rendererDir, new URL(req.url ?? '/', 'http://x').pathname);
  if (file === null) {
    res.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The Assay UI has not been built; run `npm run build` and reload.\n');
    return;
  }
  if (file === 'missing') {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.\n');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
