/**
 * The HTTP server of `assay serve-model` (docs/architecture.md "Serving a bundle"):
 * `POST /predict`, `GET /health` and `GET /metadata` over one ServedBundle. Every request's
 * failure is answered with a status and one sentence in `{"error": …}` — 400 for malformed
 * JSON or an invalid row, 413 for a body over the limit, 503 beyond the predictions it answers
 * at once (which bounds its memory), 404 and 405 for routes — and nothing
 * a client sends can throw out of a handler, so one bad client never stops the server. The
 * body is read as JSON whatever its Content-Type says (`curl -d` sends a form type).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../../../shared/errors';
import { BodyTooLarge, readBody } from './request-body';
import { requestColumns } from './request-columns';
import { predictJson } from './serve-predict';
import { loadServedBundle, type BundleMetadata, type ServedBundle } from './served-bundle';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Predictions answered at once; more get 503, so memory stays under this × the body limit. */
export const DEFAULT_MAX_CONCURRENT = 16;

interface Limits {
  bodyBytes: number;
  concurrent: number;
  /** Predictions being read or run now. */
  active: number;
}

/** Each route's one method (GET also answers HEAD). */
const ROUTES = new Map([
  ['/predict', 'POST'],
  ['/health', 'GET'],
  ['/metadata', 'GET'],
]);

export interface ModelServerOptions {
  /** Absolute path of the bundle folder. */
  bundle: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Predictions answered at once (default DEFAULT_MAX_CONCURRENT). */
  maxConcurrent?: number;
}

export interface ModelServer {
  url: string;
  port: number;
  metadata: BundleMetadata;
  close(): Promise<void>;
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...extra,
  });
  response.end(body);
}

function sendError(
  response: ServerResponse,
  status: number,
  sentence: string,
  extra?: Record<string, string>,
): void {
  send(response, status, JSON.stringify({ error: sentence }), extra);
}

async function predict(
  bundle: ServedBundle,
  request: IncomingMessage,
  response: ServerResponse,
  limit: number,
): Promise<void> {
  let body: unknown;
  try {
    const bytes = await readBody(request, limit);
    body = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return sendError(response, 413, error.message, { connection: 'close' });
    if (error instanceof SyntaxError)
      return sendError(response, 400, `The body is not valid JSON (${error.message}).`);
    throw error;
  }
  const columns = requestColumns(body, bundle.signature);
  send(response, 200, await predictJson(bundle, columns));
}

async function route(
  bundle: ServedBundle,
  request: IncomingMessage,
  response: ServerResponse,
  limits: Limits,
): Promise<void> {
  const pathname = (request.url ?? '/').split('?')[0];
  const method = request.method ?? 'GET';
  const allowed = ROUTES.get(pathname ?? '');
  if (!allowed) {
    request.resume();
    return sendError(
      response,
      404,
      `There is no ${pathname?.slice(0, 200)} here; use POST /predict, GET /health or GET /metadata.`,
    );
  }
  if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) {
    request.resume();
    return sendError(response, 405, `${pathname} answers ${allowed} only.`, { allow: allowed });
  }
  if (pathname === '/health')
    return send(
      response,
      200,
      JSON.stringify({ status: 'ok', model: bundle.metadata.model, version: bundle.metadata.version }),
    );
  if (pathname === '/metadata') return send(response, 200, JSON.stringify(bundle.metadata));
  if (limits.active >= limits.concurrent) {
    request.resume();
    return sendError(
      response,
      503,
      `This server is answering its limit of ${limits.concurrent} prediction${limits.concurrent === 1 ? '' : 's'} at once; retry shortly.`,
      { 'retry-after': '1' },
    );
  }
  limits.active++;
  try {
    return await predict(bundle, request, response, limits.bodyBytes);
  } finally {
    limits.active--;
  }
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Loads the bundle (one ONNX Runtime session) and starts answering on host:port. */
export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const limits: Limits = {
    bodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    concurrent: options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
    active: 0,
  };
  const host = options.host ?? '127.0.0.1';
  const bundle = await loadServedBundle(options.bundle);
  const server = http.createServer((request, response) => {
    route(bundle, request, response, limits).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'INVALID_INPUT')
        return sendError(response, 400, error.message);
      sendError(response, 500, 'The model could not answer this request; the server keeps running.');
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  let port: number;
  try {
    port = await listen(server, host, options.port ?? 0);
  } catch (error) {
    await bundle.close();
    throw error;
  }
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    metadata: bundle.metadata,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await bundle.close();
    },
  };
}
