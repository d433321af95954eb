/**
 * Datasets contract: import files into DuckDB as immutable versions with lineage, page
 * through them in the grid (Arrow IPC pages), query them with SQL, export them.
 * A version is addressed by its id; people and the CLI write `dataset@number`.
 */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';
import type { FitMode, FittedStats, Recipe } from './clean/recipe';
import type { JobMethod } from './jobs';

export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson' | 'arrow' | 'excel';

export interface ColumnInfo {
  name: string;
  /** DuckDB type name, e.g. BIGINT, DOUBLE, VARCHAR, DATE, TIMESTAMP, BOOLEAN. */
  type: string;
}

/** Options a person can override in the import preview; unset ones are sniffed. */
export interface ImportOptions {
  format?: FileFormat;
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  /** utf-8, utf-16, latin-1. */
  encoding?: string;
  decimalSeparator?: '.' | ',';
  /** strftime formats, e.g. %d/%m/%Y. */
  dateFormat?: string;
  timestampFormat?: string;
  /** Skip rows that do not parse; they are kept aside and counted, never dropped silently. */
  skipBadRows?: boolean;
  /** Column name → DuckDB type, applied at import. */
  columnTypes?: Record<string, string>;
  /** Excel: the sheet to read (default: the first). */
  sheet?: string;
  /** CSV: the longest line DuckDB accepts, in bytes (DuckDB's default is 2 MB). */
  maxLineSize?: number;
}

export interface SourceFile {
  path: string;
  sizeBytes: number;
  modifiedAt: string;
  /** sha256 of the file's bytes. */
  fingerprint: string;
}

export type Lineage =
  | { kind: 'import'; format: FileFormat; sources: SourceFile[]; options: ImportOptions; durationMs: number }
  | { kind: 'sql'; sql: string; parents: string[]; durationMs: number }
  | { kind: 'retype'; parent: string; changes: Record<string, string>; durationMs: number }
  | {
      kind: 'recipe';
      parent: string;
      recipe: Recipe;
      /** The saved recipe applied, when it was one. */
      recipeName?: string;
      recipeNumber?: number;
      fit: FitMode;
      /** Statistics each step used (means, quantiles, bounds, edges, categories), by step index. */
      fitted: FittedStats;
      durationMs: number;
    };

export interface DatasetVersion {
  /** Stable id of this version. */
  id: string;
  dataset: string;
  /** 1, 2, 3 … within the dataset. */
  number: number;
  rows: number;
  columns: ColumnInfo[];
  /** Estimated bytes on disk. */
  sizeBytes: number;
  createdAt: string;
  lineage: Lineage;
  /** Rows skipped as unparseable at import (see `datasets.rejects`). */
  rejectedRows: number;
}

export interface DatasetSummary {
  name: string;
  tags: string[];
  versionCount: number;
  createdAt: string;
  latest: DatasetVersion;
}

export interface ImportPreview {
  format: FileFormat;
  /** The options the import will use: the person's overrides plus what was sniffed. */
  options: ImportOptions;
  columns: ColumnInfo[];
  /** The first rows exactly as they will be typed, as Arrow IPC. */
  page: Uint8Array;
  totalBytes: number;
  files: string[];
  /**
   * Present when the file only reads with "Skip bad rows": the preview then shows what
   * that option would import, and `message` names the first bad line.
   */
  badRows?: { line: number | null; message: string };
}

export type Filter =
  | { column: string; op: 'range'; min?: number | string; max?: number | string }
  | { column: string; op: 'contains'; value: string }
  | { column: string; op: 'in'; values: Array<string | number | boolean> }
  | { column: string; op: 'null' }
  | { column: string; op: 'notNull' };

export interface SortKey {
  column: string;
  descending?: boolean;
}

export interface PageRequest {
  version: string;
  offset: number;
  limit: number;
  sort?: SortKey[];
  filters?: Filter[];
}

export interface Page {
  /** Rows matching the filters. */
  totalRows: number;
  offset: number;
  /** Arrow IPC stream of the rows. */
  page: Uint8Array;
}

/** Quick insights for a grid header: a tiny histogram (numbers, dates) or top values. */
export interface ColumnInsight {
  name: string;
  type: string;
  missing: number;
  distinct: number;
  histogram?: { edges: number[]; counts: number[] };
  top?: Array<{ value: string; count: number }>;
}

export interface SqlResult {
  columns: ColumnInfo[];
  page: Uint8Array;
  /** Rows returned (at most `limit`). */
  rowCount: number;
  /** True when the query had more rows than `limit`. */
  truncated: boolean;
  elapsedMs: number;
}

export interface TableCompletion {
  /** How the table is referred to in SQL: the dataset name (its latest version) or `dataset@N`. */
  name: string;
  columns: ColumnInfo[];
}

export interface DatasetsApi {
  'datasets.preview': Method<{ paths: string[]; options?: ImportOptions }, ImportPreview>;
  /** Starts an import job; its result is the new DatasetVersion. */
  'datasets.import': JobMethod<{ paths: string[]; name?: string; options?: ImportOptions }, DatasetVersion>;
  'datasets.list': Method<Record<string, never>, DatasetSummary[]>;
  'datasets.versions': Method<{ dataset: string }, DatasetVersion[]>;
  'datasets.version': Method<{ version: string }, DatasetVersion>;
  'datasets.rename': Method<{ dataset: string; newName: string }, DatasetSummary>;
  'datasets.tag': Method<{ dataset: string; tags: string[] }, DatasetSummary>;
  'datasets.delete': Method<{ dataset: string }, { deleted: number }>;
  /** Change column types: a job whose result is the new DatasetVersion. */
  'datasets.retype': JobMethod<{ version: string; changes: Record<string, string> }, DatasetVersion>;
  'datasets.page': Method<PageRequest, Page>;
  'datasets.insights': Method<{ version: string }, ColumnInsight[]>;
  /** Rows skipped at import, with the reason for each. */
  'datasets.rejects': Method<{ version: string; offset: number; limit: number }, Page>;
  /** Export a version to a file: a job whose result is `{ path, bytes }`. */
  'datasets.export': JobMethod<
    { version: string; format: 'csv' | 'parquet'; path: string },
    { path: string; bytes: number }
  >;
  /** Read-only SQL over the datasets; writes are refused. */
  'sql.run': Method<{ sql: string; limit?: number }, SqlResult>;
  /** Save a query's full result as a new dataset version: a job whose result is the DatasetVersion. */
  'sql.save': JobMethod<{ sql: string; name: string }, DatasetVersion>;
  'sql.completions': Method<Record<string, never>, TableCompletion[]>;
}

const name = z
  .string()
  .trim()
  .min(1, 'Give the dataset a name.')
  .max(120)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_\- .]*$/,
    'Use letters, digits, spaces, _ . or - and start with a letter or _.',
  );
const versionId = z.string().min(1).max(200);
const paths = z.array(z.string().min(1).max(4096)).min(1, 'Choose at least one file.').max(10_000);
const duckdbType = z.string().min(1).max(100);

const importOptions = z.strictObject({
  format: z.enum(['csv', 'parquet', 'json', 'ndjson', 'arrow', 'excel']).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  quote: z.string().max(1).optional(),
  escape: z.string().max(1).optional(),
  header: z.boolean().optional(),
  encoding: z.string().max(20).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  dateFormat: z.string().max(60).optional(),
  timestampFormat: z.string().max(60).optional(),
  skipBadRows: z.boolean().optional(),
  columnTypes: z.record(z.string(), duckdbType).optional(),
  sheet: z.string().max(200).optional(),
  maxLineSize: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 31 - 1)
    .optional(),
});

const filterValue = z.union([z.number(), z.string().max(1000)]);
const filter = z.discriminatedUnion('op', [
  z.strictObject({
    column: z.string(),
    op: z.literal('range'),
    min: filterValue.optional(),
    max: filterValue.optional(),
  }),
  z.strictObject({ column: z.string(), op: z.literal('contains'), value: z.string().max(1000) }),
  z.strictObject({
    column: z.string(),
    op: z.literal('in'),
    values: z.array(z.union([z.string().max(1000), z.number(), z.boolean()])).max(10_000),
  }),
  z.strictObject({ column: z.string(), op: z.literal('null') }),
  z.strictObject({ column: z.string(), op: z.literal('notNull') }),
]);

export const datasetsRequests = defineRequests<DatasetsApi>()({
  'datasets.preview': z.strictObject({ paths, options: importOptions.optional() }),
  'datasets.import': z.strictObject({ paths, name: name.optional(), options: importOptions.optional() }),
  'datasets.list': z.strictObject({}),
  'datasets.versions': z.strictObject({ dataset: z.string().min(1).max(120) }),
  'datasets.version': z.strictObject({ version: versionId }),
  'datasets.rename': z.strictObject({ dataset: z.string().min(1).max(120), newName: name }),
  'datasets.tag': z.strictObject({
    dataset: z.string().min(1).max(120),
    tags: z.array(z.string().trim().min(1).max(60)).max(50),
  }),
  'datasets.delete': z.strictObject({ dataset: z.string().min(1).max(120) }),
  'datasets.retype': z.strictObject({ version: versionId, changes: z.record(z.string(), duckdbType) }),
  'datasets.page': z.strictObject({
    version: versionId,
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(10_000),
    sort: z
      .array(z.strictObject({ column: z.string(), descending: z.boolean().optional() }))
      .max(20)
      .optional(),
    filters: z.array(filter).max(100).optional(),
  }),
  'datasets.insights': z.strictObject({ version: versionId }),
  'datasets.rejects': z.strictObject({
    version: versionId,
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(10_000),
  }),
  'datasets.export': z.strictObject({
    version: versionId,
    format: z.enum(['csv', 'parquet']),
    path: z.string().min(1).max(4096),
  }),
  'sql.run': z.strictObject({
    sql: z.string().trim().min(1, 'Write a query first.').max(1_000_000),
    limit: z.number().int().min(1).max(100_000).optional(),
  }),
  'sql.save': z.strictObject({ sql: z.string().trim().min(1).max(1_000_000), name }),
  'sql.completions': z.strictObject({}),
});
