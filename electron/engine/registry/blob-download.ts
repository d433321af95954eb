/**
 * Fetching one blob into a file while hashing it: the bytes are checked against the
 * descriptor's digest and size before anyone uses them, and a blob that does not match
 * is refused with a sentence naming the file it was meant to be. A dropped connection
 * or 5xx starts the blob again after a backoff.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backoffDelay, sleep } from './backoff';
import type { Descriptor } from './media-types';
import { RegistryError, cancelled, isTransient } from './registry-error';
import type { RegistryHttp } from './registry-http';

export interface BlobDownload {
  descriptor: Descriptor;
  /** The file path in the bundle, for sentences. */
  label: string;
  target: string;
  onBytes?: (received: number) => void;
  signal?: AbortSignal;
}

export async function downloadBlob(
  client: RegistryHttp,
  repository: string,
  blob: BlobDownload,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await downloadOnce(client, repository, blob);
    } catch (error) {
      if (!isTransient(error) || attempt >= client.retry.retries) throw error;
    }
    await sleep(backoffDelay(client.retry, attempt), blob.signal);
  }
}

async function downloadOnce(client: RegistryHttp, repository: string, blob: BlobDownload): Promise<void> {
  const { descriptor, label, signal } = blob;
  const response = await client.expect(
    {
      method: 'GET',
      url: `/v2/${repository}/blobs/${descriptor.digest}`,
      scope: `repository:${repository}:pull`,
      ...(signal && { signal }),
    },
    [200],
    `downloading ${label}`,
  );
  const hash = createHash('sha256');
  let received = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      // A registry that sends more than the descriptor says is refused before the disk fills.
      if (received > descriptor.size)
        return done(tampered(label, descriptor, 'is larger than its descriptor says'));
      hash.update(chunk);
      blob.onBytes?.(received);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response.body, check, createWriteStream(blob.target), ...(signal ? [{ signal }] : []));
  } catch (error) {
    throw (error as Error).name === 'AbortError' ? cancelled() : error;
  }
  if (received !== descriptor.size) {
    throw tampered(label, descriptor, `has ${received} bytes where its descriptor says ${descriptor.size}`);
  }
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== descriptor.digest) throw tampered(label, descriptor, `hashes to ${actual}`);
}

function tampered(label: string, descriptor: Descriptor, what: string): RegistryError {
  return new RegistryError(
    'INVALID_INPUT',
    `The blob for ${label} (${descriptor.digest}) ${what}: the registry's copy is altered or corrupt, so the pull was refused and nothing was written.`,
  );
}
