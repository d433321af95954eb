/**
 * A small ustar writer piped through node:zlib: the bundle's `.tar.gz`, every file streamed
 * from disk (never the whole bundle in memory). Only plain files with paths under 100 bytes,
 * which is all a bundle holds (docs/architecture.md, "Inside the bundles capability").
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** The 512-byte ustar header of a regular file. */
export function tarHeader(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`The bundle path ${name} is too long for a tar header.`);
  const header = Buffer.alloc(BLOCK);
  field(header, 0, 100, name);
  field(header, 100, 8, octal(0o644, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(size, 12));
  field(header, 136, 12, octal(Math.floor(mtime), 12));
  field(header, 148, 8, '        ');
  field(header, 156, 1, '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

async function* tarStream(folder: string, files: readonly string[], prefix: string): AsyncGenerator<Buffer> {
  for (const file of files) {
    const full = path.join(folder, ...file.split('/'));
    const info = await stat(full);
    yield tarHeader(`${prefix}${file}`, info.size, info.mtimeMs / 1000);
    for await (const chunk of createReadStream(full)) yield chunk as Buffer;
    const pad = (BLOCK - (info.size % BLOCK)) % BLOCK;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Writes `files` (relative, with `/`) of `folder` into the gzip'd tar `out`, under `prefix`. */
export async function writeTarGz(
  folder: string,
  files: readonly string[],
  out: string,
  prefix = '',
): Promise<void> {
  await pipeline(Readable.from(tarStream(folder, files, prefix)), createGzip(), createWriteStream(out));
}
