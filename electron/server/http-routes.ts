/**
 * The HTTP side of browser mode: access check, then the built UI, uploads, downloads of
 * exports, or 405. Every
 * request goes through `handleRequest`, which turns anything unexpected into an answer
 * for that request alone (400 for a target that cannot be parsed, 500 otherwise): a
 * throw here would otherwise end the whole server.
 */
import type http from 'node:http';
import { SECURITY_HEADERS } from '../../shared/security-headers';
import { cookieName, decideAccess, type AccessPolicy, type RequestFacts } from './access-control';
import { DOWNLOAD_PREFIX, sendExport } from './export-download';
import { readStaticFile } from './static-files';
import { receiveUpload } from './upload';

export interface RouteContext {
  policy: AccessPolicy;
  rendererDir: string;
  workspaceRoot: () => string;
}

/** The request target as a URL, or null when it does not parse (`GET http://[ HTTP/1.1`). */
export function parseTarget(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://placeholder');
  } catch {
    return null;
  }
}

export function requestFacts(req: http.IncomingMessage, upgrade: boolean): RequestFacts {
  return {
    url: req.url ?? '/',
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    mustHaveOrigin: upgrade || (req.method !== 'GET' && req.method !== 'HEAD'),
  };
}

export function handleRequest(
  context: RouteContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  req.on('error', () => res.destroy());
  res.on('error', () => res.destroy());
  route(context, req, res).catch(() => {
    if (res.headersSent) res.destroy();
    else plain(res, 500, 'Assay could not answer this request.\n');
  });
}

async function route(
  context: RouteContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const target = parseTarget(req.url);
  if (target === null) {
    plain(res, 400, 'This request names an address that cannot be read.\n');
    return;
  }
  const decision = decideAccess(context.policy, requestFacts(req, false));
  if (!decision.ok) {
    plain(res, decision.status, `${decision.reason}\n`);
    return;
  }
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  if (decision.viaQuery) {
    // Per port because cookies ignore ports; HttpOnly and Strict so pages cannot read or ride it.
    headers['Set-Cookie'] =
      `${cookieName(context.policy.port)}=${context.policy.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
  if (req.method === 'POST' && target.pathname === '/upload') {
    await receiveUpload(context.workspaceRoot(), req, res, headers);
  } else if (req.method === 'GET' && target.pathname.startsWith(DOWNLOAD_PREFIX)) {
    await sendExport(context.workspaceRoot(), target.pathname, res, headers);
  } else if (req.method === 'GET' || req.method === 'HEAD') {
    await serveFile(context.rendererDir, target.pathname, req, res, headers);
  } else {
    res.writeHead(405, { Allow: 'GET, HEAD, POST', ...SECURITY_HEADERS }).end();
  }
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text);
}

async function serveFile(
  rendererDir: string,
  pathname: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const file = await readStaticFile(rendererDir, pathname);
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
