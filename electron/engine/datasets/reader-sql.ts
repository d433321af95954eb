/**
 * The DuckDB table functions that read each format, with the person's overrides turned
 * into reader options. CSV goes through DuckDB's sniffer, but two of its guesses are
 * overruled because they lose data silently: skipping leading lines (a ragged file is
 * "fixed" by dropping everything before the last consistent block) and falling back to a
 * single column when rows disagree on their width. Arrow and Excel have no DuckDB reader
 * here; they are staged by their own modules and read back through `read_json`/appender.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileFormat, ImportOptions } from '../../../shared/datasets';
import {
  checkedTypeName,
  quoteIdentifier,
  sqlLiteral,
  structLiteral,
  type LiteralValue,
} from '../db/sql-text';
import { readHead, type ResolvedFile } from './source-files';

export interface ReaderPlan {
  /** A FROM-able table expression producing the rows with their final types. */
  source: string;
  /** Options as they will be used, for lineage and the preview. */
  options: ImportOptions;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** The most frequent candidate delimiter on the first line, outside quotes. */
async function delimiterOfFirstLine(file: ResolvedFile): Promise<string | null> {
  if (file.compression) return null;
  const text = (await readHead(file.path, 65_536)).toString('utf8');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  let best: string | null = null;
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function fileList(files: ResolvedFile[]): string {
  return sqlLiteral(files.map((f) => f.path));
}

async function csvPlan(
  connection: DuckDBConnection,
  files: ResolvedFile[],
  options: ImportOptions,
  rejectsTable: string | null,
): Promise<ReaderPlan> {
  // A quoted empty field ("") is an empty string, an unquoted one is NULL: the grid shows both.
  const args: Record<string, LiteralValue> = { skip: 0, allow_quoted_nulls: false };
  const used: ImportOptions = { ...options, format: 'csv' };
  if (options.delimiter !== undefined) args.delim = options.delimiter;
  if (options.quote !== undefined) args.quote = options.quote;
  if (options.escape !== undefined) args.escape = options.escape;
  if (options.header !== undefined) args.header = options.header;
  if (options.encoding !== undefined) args.encoding = options.encoding.toLowerCase();
  if (options.decimalSeparator !== undefined) args.decimal_separator = options.decimalSeparator;
  if (options.dateFormat !== undefined) args.dateformat = options.dateFormat;
  if (options.timestampFormat !== undefined) args.timestampformat = options.timestampFormat;
  if (options.maxLineSize !== undefined) args.max_line_size = options.maxLineSize;
  const compressions = new Set(files.map((f) => f.compression));
  if (compressions.size === 1 && files[0]!.compression) args.compression = files[0]!.compression;
  if (files.length > 1) args.union_by_name = true;

  // Ask the sniffer what it sees, and overrule it when it collapsed every row into one column.
  const sniffed = await sniff(connection, files[0]!, args);
  if (options.delimiter === undefined && (!sniffed || sniffed.columns <= 1)) {
    const guess = await delimiterOfFirstLine(files[0]!);
    if (guess) args.delim = guess;
  }
  const after = args.delim === options.delimiter ? sniffed : await sniff(connection, files[0]!, args);
  if (typeof args.delim === 'string') used.delimiter ??= args.delim;
  if (after) {
    used.delimiter ??= after.delimiter;
    used.header ??= after.header;
    if (after.quote && used.quote === undefined) used.quote = after.quote;
    if (after.dateFormat && used.dateFormat === undefined) used.dateFormat = after.dateFormat;
    if (after.timestampFormat && used.timestampFormat === undefined)
      used.timestampFormat = after.timestampFormat;
  }
  const rendered = Object.entries(args).map(([k, v]) => `${k}=${sqlLiteral(v)}`);
  const overrides = Object.entries(options.columnTypes ?? {});
  if (overrides.length > 0) {
    const types: Record<string, string> = {};
    for (const [column, type] of overrides) types[column] = checkedTypeName(type);
    rendered.push(`types=${structLiteral(types)}`);
  }
  return { source: readCsv(files, rendered, rejectsTable, options.skipBadRows ?? false), options: used };
}

function readCsv(
  files: ResolvedFile[],
  args: string[],
  rejectsTable: string | null,
  skipBadRows: boolean,
): string {
  const all = [...args];
  if (skipBadRows) {
    all.push('ignore_errors=true');
    if (rejectsTable) {
      all.push('store_rejects=true', `rejects_table=${sqlLiteral(rejectsTable)}`);
      all.push(`rejects_scan=${sqlLiteral(`${rejectsTable}_scan`)}`);
    }
  }
  return `read_csv(${fileList(files)}, ${all.join(', ')})`;
}

interface Sniffed {
  delimiter: string;
  quote: string | null;
  header: boolean;
  columns: number;
  dateFormat: string | null;
  timestampFormat: string | null;
}

async function sniff(
  connection: DuckDBConnection,
  file: ResolvedFile,
  args: Record<string, LiteralValue>,
): Promise<Sniffed | null> {
  const allowed = [
    'delim',
    'quote',
    'escape',
    'header',
    'encoding',
    'decimal_separator',
    'dateformat',
    'timestampformat',
    'compression',
    'skip',
    'max_line_size',
  ];
  const rendered = Object.entries(args)
    .filter(([k]) => allowed.includes(k))
    .map(([k, v]) => `${k}=${sqlLiteral(v)}`);
  try {
    const reader = await connection.runAndReadAll(
      `SELECT Delimiter, Quote, HasHeader, len(Columns) AS n, DateFormat, TimestampFormat
         FROM sniff_csv(${sqlLiteral(file.path)}${rendered.length ? `, ${rendered.join(', ')}` : ''})`,
    );
    const row = reader.getRowObjectsJS()[0];
    if (!row) return null;
    const quote = String(row.Quote ?? '');
    return {
      delimiter: String(row.Delimiter),
      quote: quote && quote !== '(empty)' ? quote : null,
      header: Boolean(row.HasHeader),
      columns: Number(row.n),
      dateFormat: row.DateFormat ? String(row.DateFormat) : null,
      timestampFormat: row.TimestampFormat ? String(row.TimestampFormat) : null,
    };
  } catch {
    // The real read reports the problem with its own, better message.
    return null;
  }
}

/** Casts for formats whose readers take no type overrides. */
function withColumnTypes(source: string, columnTypes: Record<string, string> | undefined): string {
  const entries = Object.entries(columnTypes ?? {});
  if (entries.length === 0) return source;
  const casts = entries.map(
    ([column, type]) =>
      `CAST(${quoteIdentifier(column)} AS ${checkedTypeName(type)}) AS ${quoteIdentifier(column)}`,
  );
  return `(SELECT * REPLACE (${casts.join(', ')}) FROM ${source})`;
}

export async function readerPlan(
  connection: DuckDBConnection,
  format: FileFormat,
  files: ResolvedFile[],
  options: ImportOptions,
  rejectsTable: string | null,
): Promise<ReaderPlan> {
  const union = files.length > 1 ? ', union_by_name=true' : '';
  switch (format) {
    case 'csv':
      return csvPlan(connection, files, options, rejectsTable);
    case 'parquet':
      return {
        source: withColumnTypes(`read_parquet(${fileList(files)}${union})`, options.columnTypes),
        options: { ...options, format },
      };
    case 'json':
    case 'ndjson': {
      const extra: string[] = [format === 'ndjson' ? "format='newline_delimited'" : "format='auto'"];
      if (options.dateFormat) extra.push(`dateformat=${sqlLiteral(options.dateFormat)}`);
      if (options.timestampFormat) extra.push(`timestampformat=${sqlLiteral(options.timestampFormat)}`);
      return {
        source: withColumnTypes(
          `read_json(${fileList(files)}, ${extra.join(', ')}${union})`,
          options.columnTypes,
        ),
        options: { ...options, format },
      };
    }
    default:
      throw new Error(`${format} is staged by its own reader`);
  }
}

/** The CAST projection for a staged table (Arrow, Excel) so overrides apply the same way. */
export function stagedSource(table: string, columnTypes: Record<string, string> | undefined): string {
  return withColumnTypes(table, columnTypes);
}
