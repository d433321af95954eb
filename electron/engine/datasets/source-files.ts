/**
 * Turns the paths a person gave into files we can import, and says in one sentence what
 * is wrong when we cannot: a missing path, a folder, something that is not a regular
 * file (a FIFO would block the reader forever), a file on a kernel filesystem such as
 * /proc, an empty file, binary garbage where text was expected. Globs are expanded by
 * DuckDB's own `glob()` so that the patterns people already use in DuckDB work here too. The format is taken from the extension and, when
 * that says nothing, from the first bytes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileFormat, SourceFile } from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import { sqlLiteral } from '../db/sql-text';
import { assertReadableSource, realPathOf } from '../workspace/caller-paths';

export interface ResolvedFile {
  path: string;
  sizeBytes: number;
  modifiedAt: string;
  /** Modification time as read, compared again after the import (see source-changes.ts). */
  mtimeMs: number;
  /** Compression the CSV reader must undo (DuckDB reads both natively). */
  compression: 'gzip' | 'zstd' | null;
}

const GLOB_CHARS = /[*?[]/;

export async function resolveFiles(connection: DuckDBConnection, paths: string[]): Promise<ResolvedFile[]> {
  const files: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    if (GLOB_CHARS.test(given) && !(await exists(absolute))) {
      const reader = await connection.runAndReadAll(
        `SELECT file FROM glob(${sqlLiteral(absolute)}) ORDER BY file`,
      );
      const matched = reader.getRowsJS().map((r) => String(r[0]));
      if (matched.length === 0) {
        throw new ApiError('NOT_FOUND', `No file matches ${given}; check the pattern and the folder.`);
      }
      files.push(...matched);
    } else {
      files.push(absolute);
    }
  }
  const unique = [...new Set(files)];
  return Promise.all(unique.map(checkFile));
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function checkFile(file: string): Promise<ResolvedFile> {
  // /proc and /sys files claim to be empty regular files and can be endless.
  await assertReadableSource(await realPathOf(file));
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') {
      throw new ApiError(
        'NOT_FOUND',
        `${file} does not exist (a part of its path is a file, not a folder); check the path.`,
      );
    }
    if (code === 'EACCES') {
      throw new ApiError(
        'INVALID_INPUT',
        `${file} cannot be read (permission denied); allow reading it or copy it elsewhere.`,
      );
    }
    throw new ApiError('NOT_FOUND', `${file} does not exist; check the path.`);
  }
  if (stat.isDirectory()) {
    throw new ApiError(
      'INVALID_INPUT',
      `${file} is a folder, not a file; choose the files inside it or a pattern such as ${path.join(file, '*.csv')}.`,
    );
  }
  if (!stat.isFile()) {
    throw new ApiError(
      'INVALID_INPUT',
      `${file} is not a regular file (it is a pipe, socket or device); save its data to a file first.`,
    );
  }
  try {
    const handle = await fs.open(file, 'r');
    await handle.close();
  } catch (error) {
    throw new ApiError(
      'INVALID_INPUT',
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); allow reading it or copy it elsewhere.`,
    );
  }
  if (stat.size === 0) {
    throw new ApiError('INVALID_INPUT', `${file} is empty; there is nothing to import.`);
  }
  const head = await readHead(file, 8);
  return {
    path: file,
    sizeBytes: stat.size,
    modifiedAt: stat.mtime.toISOString(),
    mtimeMs: stat.mtimeMs,
    compression: isGzip(head) ? 'gzip' : isZstd(head) ? 'zstd' : null,
  };
}

export async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isZstd = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528;

const EXTENSIONS: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.tab': 'csv',
  '.dat': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.arrows': 'arrow',
  '.xlsx': 'excel',
};

/** The format of a file: from its extension (ignoring .gz/.zst), else from its first bytes. */
export async function detectFormat(file: ResolvedFile): Promise<FileFormat> {
  const base = file.path.toLowerCase().replace(/\.(gz|gzip|zst|zstd)$/, '');
  const byExtension = EXTENSIONS[path.extname(base)];
  if (byExtension) return byExtension;
  if (file.compression) return 'csv';
  const head = await readHead(file.path, 8);
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (head.subarray(0, 6).toString('latin1') === 'ARROW1' || head.readUInt32LE(0) === 0xffffffff)
    return 'arrow';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'excel';
  const first = head.toString('utf8').trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}

/**
 * Text formats must look like text: NUL bytes in the first 64 KiB mean a binary file
 * (UTF-16 text is the exception, and it is only read when the person says so).
 */
export async function assertLooksLikeText(
  file: ResolvedFile,
  format: FileFormat,
  encoding?: string,
): Promise<void> {
  if (file.compression || (encoding ?? '').toLowerCase().startsWith('utf-16')) return;
  const head = await readHead(file.path, 65_536);
  if (head.includes(0)) {
    throw new ApiError(
      'INVALID_INPUT',
      `${file.path} does not look like a ${format.toUpperCase()} file (it contains binary data); choose a text file, or set the format if it is Parquet, Arrow or Excel.`,
    );
  }
}

export function toSourceFile(file: ResolvedFile, hash: string): SourceFile {
  return { path: file.path, sizeBytes: file.sizeBytes, modifiedAt: file.modifiedAt, fingerprint: hash };
}

/** A dataset name from a file name: `flights-3m.parquet` → `flights-3m`, valid per the contract. */
export function datasetNameFromFile(file: string): string {
  let stem = path.basename(file).replace(/\.(gz|gzip|zst|zstd)$/i, '');
  stem = stem.replace(/\.[^.]+$/, '') || stem;
  let name = stem.replace(/[^A-Za-z0-9_\- .]/g, '_').trim();
  if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
  return name.slice(0, 120);
}

/**
 * The first line whose field count differs from the header's, counted naively (quotes
 * respected, escapes not): used to explain a file DuckDB's sniffer gave up on.
 */
export async function firstRaggedLine(
  file: ResolvedFile,
  delimiter: string,
): Promise<{ line: number; fields: number; expected: number } | null> {
  if (file.compression) return null;
  const lines = (await readHead(file.path, 1 << 20)).toString('utf8').split(/\r?\n/);
  const count = (line: string) => line.replace(/"[^"]*"/g, '').split(delimiter).length;
  const expected = count(lines[0] ?? '');
  for (let i = 1; i < lines.length - 1; i++) {
    if (lines[i] === '') continue;
    const fields = count(lines[i]!);
    if (fields !== expected) return { line: i + 1, fields, expected };
  }
  return null;
}
