/**
 * What an import remembers about its files so that a re-import of the same bytes with
 * the same options is recognised: a sha256 per file (gzip files are also inflated, since
 * DuckDB reads a truncated gzip without complaint and returns the rows before the cut)
 * and a key over format, fingerprints and options.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { FileFormat, ImportOptions, SourceFile } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { toSourceFile, type ResolvedFile } from './source-files';

/** Stable JSON (sorted keys) so equal options always give the same key. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of a file and, for gzip, a full inflate that proves the file is whole. */
async function fingerprintFile(
  file: ResolvedFile,
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Promise<string> {
  const hash = createHash('sha256');
  const gunzip = file.compression === 'gzip' ? createGunzip() : null;
  const sink = gunzip ? pipeline(gunzip, new Writable({ write: (_chunk, _enc, done) => done() })) : null;
  try {
    for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20, signal })) {
      hash.update(chunk as Buffer);
      onBytes((chunk as Buffer).length);
      if (gunzip && !gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
    }
    if (gunzip) {
      gunzip.end();
      await sink;
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    if (gunzip) {
      throw new ApiError(
        'INVALID_INPUT',
        `${path.basename(file.path)} is a damaged or truncated gzip file (${(error as Error).message}); download or compress it again.`,
      );
    }
    throw error;
  }
  return hash.digest('hex');
}

export interface Hashing {
  done: Promise<SourceFile[]>;
}

/** Fingerprint `files` one after another, alongside DuckDB's own read. */
export function startHashing(
  files: ResolvedFile[],
  signal: AbortSignal,
  onBytes: (n: number) => void,
): Hashing {
  const done = (async () => {
    const out: SourceFile[] = [];
    for (const f of files) out.push(toSourceFile(f, await fingerprintFile(f, signal, onBytes)));
    return out;
  })();
  done.catch(() => undefined);
  return { done };
}

export function sourceKey(format: FileFormat, sources: SourceFile[], options: ImportOptions): string {
  return createHash('sha256')
    .update(stableJson({ format, fingerprints: sources.map((s) => s.fingerprint), options }))
    .digest('hex');
}
