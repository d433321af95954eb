/**
 * Reads a request body up to a byte limit (docs/architecture.md "Serving a bundle"): a
 * Content-Length over the limit is refused before a byte is read, and a body that grows past
 * it while streaming (chunked, or lying about its length) is refused as soon as it does, so a
 * client can never make the server hold more than the limit in memory.
 */
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than this server's limit of ${limit} bytes; send fewer rows per request.`);
  }
}

export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      request.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.pause();
        finish(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish());
    request.once('error', (error) => finish(error));
    request.once('close', () => finish(new Error('The client closed the connection before the body ended.')));
  });
}
