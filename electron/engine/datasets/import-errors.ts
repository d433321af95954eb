/**
 * DuckDB's reader errors are thorough but long (a page of sniffer settings). People need
 * one sentence: what is wrong, where (file, row, column, value) and what to do. These
 * functions pick the facts out of DuckDB's message and keep its first line as a fallback,
 * so an error we did not foresee is still shown truthfully.
 */
import path from 'node:path';
import { ApiError, messageOf } from '../../../shared/errors';
import { formatBytes, formatCount } from '../../../shared/format';
import { firstLine, storageFailure } from '../db/duckdb-errors';

export function badValueSentence(
  row: number,
  column: string,
  value: string,
  type: string,
  where = '',
): string {
  return `Row ${formatCount(row)}${where}, column ${column}: "${value}" is not a ${type}; fix the file, set the column's type to VARCHAR, or skip bad rows.`;
}

/** Turn a failed read of `files` into an ApiError with one sentence. */
export function describeReadError(error: unknown, files: string[], header: boolean): ApiError {
  if (error instanceof ApiError) return error;
  // Before any file name is read out of the message: a full disk names the file DuckDB
  // was writing (the workspace's database), not the one being read.
  const storage = storageFailure(error, `importing ${files.map((f) => path.basename(f)).join(', ')}`);
  if (storage) return storage;
  const message = messageOf(error);
  const file =
    /\bfile = (.+)$/m.exec(message)?.[1]?.trim() ?? /file "([^"]+)"/.exec(message)?.[1] ?? files[0] ?? '';
  const name = path.basename(file);
  const line = Number(/CSV Error on Line: (\d+)/.exec(message)?.[1] ?? NaN);
  const tooLong = longLine(message, name, line);
  if (tooLong) return tooLong;
  const conversion =
    /Error when converting column "([^"]*)"\. Could not convert string "([^"]*)" to '([^']+)'/.exec(message);
  if (conversion && Number.isFinite(line)) {
    const [, column, value, type] = conversion;
    const row = header ? line - 1 : line;
    return new ApiError(
      'INVALID_INPUT',
      badValueSentence(row, column!, value!, type!, ` (line ${formatCount(line)} of ${name})`),
      {
        line,
        column,
        value,
        type,
        file,
      },
    );
  }
  const width = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (width && Number.isFinite(line)) {
    return new ApiError(
      'INVALID_INPUT',
      `Line ${formatCount(line)} of ${name} has ${width[2]} fields where the header has ${width[1]}; fix the file or skip bad rows.`,
      { line, file },
    );
  }
  if (/Invalid unicode|invalid UTF-?8|not utf-?8/i.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `${name} is not valid UTF-8 text${Number.isFinite(line) ? ` (line ${formatCount(line)})` : ''}; set the encoding (latin-1 or utf-16) or fix the file.`,
    );
  }
  if (/Error when sniffing file|not possible to automatically detect the CSV/i.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `${name} could not be read as CSV (no consistent delimiter, quote or header was found); check that it is a text table, or set the delimiter and quote.`,
    );
  }
  if (
    /No magic bytes|not a parquet file|Invalid Parquet|parquet/i.test(message) &&
    /Invalid|magic|corrupt/i.test(message)
  ) {
    return new ApiError(
      'INVALID_INPUT',
      `${name} is not a readable Parquet file (it is damaged or another format); check the file or choose its real format.`,
    );
  }
  if (/Malformed JSON|JSON/i.test(message) && /Invalid Input/i.test(message)) {
    const detail = /Malformed JSON[^:]*:\s*([^\n]+)/.exec(message)?.[1]?.trim();
    return new ApiError(
      'INVALID_INPUT',
      `${name} is not valid JSON${detail ? ` (${detail.replace(/\.\s*$/, '')})` : ''}; fix the file or choose its real format.`,
    );
  }
  if (/gzip|zstd|decompress|inflate/i.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `${name} is a damaged or truncated compressed file; download or compress it again.`,
    );
  }
  if (/Could not convert|Conversion Error/i.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `${firstLine(message)}; set the column's type to VARCHAR or fix the file.`,
    );
  }
  return new ApiError('INVALID_INPUT', `Reading ${name} failed: ${firstLine(message)}`);
}

/**
 * DuckDB stops at a line longer than its buffer ("Maximum line size of 2097152 bytes
 * exceeded"), which otherwise reads as a bare "line 1" with no reason.
 */
function longLine(message: string, name: string, line: number): ApiError | null {
  const match = /Maximum line size of (\d+) bytes exceeded(?:\.\s*Actual Size:\s*(\d+) bytes)?/i.exec(
    message,
  );
  if (!match) return null;
  const limit = Number(match[1]);
  const actual = match[2] ? ` (${formatBytes(Number(match[2]))})` : '';
  const where = Number.isFinite(line) ? `Line ${formatCount(line)} of ${name}` : `A line of ${name}`;
  return new ApiError(
    'INVALID_INPUT',
    `${where} is longer${actual} than DuckDB's maximum line size of ${formatBytes(limit)}; if the file really has lines that long, raise the limit with the import option maxLineSize (in bytes), otherwise check that the quote character is right.`,
    { line, file: name, limit },
  );
}
