/**
 * Putting one blob into a repository, the distribution spec's way: HEAD first (a blob
 * the registry has is skipped), then POST for an upload session and either one PUT with
 * the whole file (monolithic) or PATCHes of chunks followed by an empty PUT, always to
 * the Location the registry returned, as given, with `digest=` appended. The file is
 * streamed from disk. A dropped connection or 5xx restarts the blob with a new session
 * after a backoff, since a half-received chunk leaves the old session in an unknown state.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { backoffDelay, sleep } from './backoff';
import { drain } from './http-send';
import { RegistryError, isTransient } from './registry-error';
import type { RegistryHttp } from './registry-http';

export interface BlobToPush {
  /** The file on disk, or the bytes themselves (the config, small). */
  source: { path: string } | { bytes: Buffer };
  digest: string;
  size: number;
  /** What a person calls it in a sentence: the file path in the bundle. */
  label: string;
}

export interface BlobUploadOptions {
  /** Files larger than this go up in PATCH chunks of this size. */
  chunkSize: number;
  /** Bytes of this blob sent so far (goes back to 0 when a try starts over). */
  onBytes?: (sent: number) => void;
  signal?: AbortSignal;
}

export type BlobOutcome = 'skipped' | 'uploaded';

export async function pushBlob(
  client: RegistryHttp,
  repository: string,
  blob: BlobToPush,
  options: BlobUploadOptions,
): Promise<BlobOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      options.onBytes?.(0);
      if (await blobExists(client, repository, blob.digest, options.signal)) {
        options.onBytes?.(blob.size);
        return 'skipped';
      }
      await uploadOnce(client, repository, blob, options);
      return 'uploaded';
    } catch (error) {
      if (!isTransient(error) || attempt >= client.retry.retries) throw explain(error, blob);
    }
    await sleep(backoffDelay(client.retry, attempt), options.signal);
  }
}

export async function blobExists(
  client: RegistryHttp,
  repository: string,
  digest: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const response = await client.expect(
    {
      method: 'HEAD',
      url: `/v2/${repository}/blobs/${digest}`,
      scope: pushScope(repository),
      ...(signal && { signal }),
    },
    [200, 404],
    `checking for blob ${digest}`,
  );
  drain(response);
  return response.status === 200;
}

export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

async function uploadOnce(
  client: RegistryHttp,
  repository: string,
  blob: BlobToPush,
  options: BlobUploadOptions,
) {
  const scope = pushScope(repository);
  const signal = options.signal;
  const started = await client.expect(
    {
      method: 'POST',
      url: `/v2/${repository}/blobs/uploads/`,
      scope,
      headers: { 'content-length': '0' },
      ...(signal && { signal }),
    },
    [202],
    `starting the upload of ${blob.label}`,
  );
  drain(started);
  let location = locationOf(started.headers.location, blob);
  let offset = 0;
  if (blob.size > options.chunkSize && 'path' in blob.source) {
    for (; offset < blob.size;) {
      const end = Math.min(blob.size, offset + options.chunkSize);
      const chunk = await client.expect(
        {
          method: 'PATCH',
          url: new URL(location, client.origin),
          scope,
          retry: false,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(end - offset),
            'content-range': `${offset}-${end - 1}`,
          },
          body: () => counted(readRange(blob, offset, end), offset, options.onBytes),
          ...(signal && { signal }),
        },
        [202],
        `uploading ${blob.label}`,
      );
      drain(chunk);
      location = locationOf(chunk.headers.location, blob);
      offset = end;
    }
  }
  const whole = offset === 0;
  const done = await client.expect(
    {
      method: 'PUT',
      url: new URL(
        `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(blob.digest)}`,
        client.origin,
      ),
      scope,
      retry: false,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(whole ? blob.size : 0),
      },
      ...(whole && { body: () => counted(readRange(blob, 0, blob.size), 0, options.onBytes) }),
      ...(signal && { signal }),
    },
    [201],
    `finishing the upload of ${blob.label}`,
  );
  drain(done);
}

function readRange(blob: BlobToPush, start: number, end: number): Readable | Buffer {
  if ('bytes' in blob.source) return blob.source.bytes.subarray(start, end);
  if (end <= start) return Buffer.alloc(0);
  return createReadStream(blob.source.path, { start, end: end - 1, highWaterMark: 1024 * 1024 });
}

/** Reports progress as the request reads the stream (after the socket takes it). */
function counted(body: Readable | Buffer, base: number, onBytes?: (sent: number) => void): Readable | Buffer {
  if (!onBytes) return body;
  if (Buffer.isBuffer(body)) {
    onBytes(base + body.length);
    return body;
  }
  let sent = base;
  body.on('data', (chunk: Buffer) => {
    sent += chunk.length;
    onBytes(sent);
  });
  return body;
}

function locationOf(location: string | undefined, blob: BlobToPush): string {
  if (!location) {
    throw new RegistryError('INTERNAL', `The registry gave no upload Location for ${blob.label}.`);
  }
  return location;
}

function explain(error: unknown, blob: BlobToPush): unknown {
  if (error instanceof RegistryError || !(error instanceof Error)) return error;
  return new RegistryError(
    'INTERNAL',
    `The connection to the registry dropped while uploading ${blob.label} (${(error as { code?: string }).code ?? error.message}), and retrying did not help.`,
  );
}
