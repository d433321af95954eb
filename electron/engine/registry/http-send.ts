/**
 * One HTTP exchange with node's http/https: no redirects, no retries, no auth (the
 * layers above decide those). A body is a Buffer or a stream made fresh per try, so a
 * retried upload re-reads the file from disk instead of holding it in memory.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { RegistryError, cancelled } from './registry-error';

export type RequestBody = Buffer | Readable;

export interface SendOptions {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: RequestBody;
  /** PEM certificates trusted for TLS in addition to none: replaces the system store. */
  ca?: string;
  agents: { http: http.Agent; https: https.Agent };
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

export function send(options: SendOptions): Promise<RawResponse> {
  const { url, body, signal } = options;
  const secure = url.protocol === 'https:';
  const headers = { ...options.headers };
  if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const request = (secure ? https : http).request(url, {
      method: options.method,
      headers,
      agent: secure ? options.agents.https : options.agents.http,
      ...(secure && options.ca !== undefined && { ca: options.ca }),
      ...(signal && { signal }),
    });
    request.on('error', (error: Error & { name?: string }) => {
      if (body !== undefined && !Buffer.isBuffer(body)) body.destroy();
      reject(error.name === 'AbortError' ? cancelled() : (untrusted(error, url) ?? error));
    });
    request.on('response', (response) => {
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response });
    });
    if (body === undefined) request.end();
    else if (Buffer.isBuffer(body)) request.end(body);
    else {
      body.on('error', (error) => request.destroy(error));
      body.pipe(request);
    }
  });
}

/** Reads a (small) response body as text: error bodies, manifests, token answers. */
export async function readText(response: RawResponse, limit = 4 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      response.body.destroy();
      throw new Error(`The registry's answer is larger than ${limit} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Throws the rest of a body away so the socket goes back to the pool. */
export function drain(response: RawResponse): void {
  response.body.resume();
}

/** A TLS verification failure as a sentence that says what to do about it. */
function untrusted(error: Error & { code?: string }, url: URL): RegistryError | undefined {
  const code = error.code ?? '';
  if (!/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return undefined;
  return new RegistryError(
    'BAD_REQUEST',
    `The TLS certificate of ${url.host} is not trusted (${code}): give the CA bundle that signed it (caFile), or use plain HTTP only if the registry is on this machine.`,
  );
}
