/**
 * The sha256 digest and size of a file, read as a stream so a large bundle never sits in
 * memory (the digest must be known before the upload: HEAD asks for it, and the final PUT
 * names it, which is how the registry checks what it received).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cancelled } from './registry-error';

export interface FileDigest {
  digest: string;
  size: number;
}

export async function digestFile(path: string, signal?: AbortSignal): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    if (signal?.aborted) throw cancelled();
    hash.update(chunk);
    size += chunk.length;
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

export function digestBytes(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
