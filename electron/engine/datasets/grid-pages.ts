/**
 * Pages for the grid: `limit` rows from `offset` of a version, filtered and sorted on the
 * server. Small results and the first pages of a sort are answered directly (DuckDB's
 * top-N is fast when offset + limit is small). Scrolling deep into a large sorted or
 * filtered table would make every page re-sort everything, so the ordering is
 * materialised once per (version, sort, filters) into an in-memory table numbered by
 * position; a page is then a range on that number, which DuckDB answers from zone maps
 * in milliseconds. Only the latest ordering is kept: it is what the person is looking at.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetVersion, Page, PageRequest } from '../../../shared/datasets';
import { encodeReader } from './arrow-page';
import { versionTable } from './dataset-store';
import { orderBy, whereClause } from './grid-query';
import type { SerialConnection } from '../db/serial-connection';

/** Below this many rows, every page is a direct query. */
const DIRECT_ROWS = 50_000;
/** Pages ending before this row are answered by top-N while the cache is built. */
const TOP_N_ROWS = 5_000;
export const CACHE_CATALOG = 'assay_grid_cache';

interface CacheEntry {
  key: string;
  table: string;
  totalRows: number;
  ready: Promise<void>;
  built: boolean;
}

export class GridPages {
  private cache: CacheEntry | null = null;
  private counter = 0;

  constructor(
    private readonly grid: SerialConnection,
    /** A second connection that builds caches while the grid keeps answering. */
    private readonly builder: SerialConnection,
  ) {}

  static async attachCache(connection: DuckDBConnection): Promise<void> {
    await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS ${CACHE_CATALOG}`);
  }

  async page(version: DatasetVersion, request: PageRequest): Promise<Page> {
    const table = versionTable(version.id);
    const where = whereClause(version.columns, request.filters);
    const sorted = (request.sort?.length ?? 0) > 0;
    const order = orderBy(version.columns, request.sort);
    const { offset, limit } = request;

    if (!sorted && !where.sql) {
      // Versions are never modified, so rowids are exactly 0 … rows-1.
      const bytes = await this.grid.use(async (c) =>
        encodeReader(
          await c.runAndReadAll(
            `SELECT * FROM ${table} WHERE rowid >= ${offset} AND rowid < ${offset + limit} ORDER BY rowid`,
          ),
        ),
      );
      return { totalRows: version.rows, offset, page: bytes };
    }
    if (version.rows <= DIRECT_ROWS) return this.direct(table, where.sql, where.params, order, offset, limit);

    const key = JSON.stringify([version.id, request.sort ?? [], request.filters ?? []]);
    let entry = this.cache?.key === key ? this.cache : null;
    if (!entry) entry = this.build(key, table, where.sql, where.params, order);
    if (!entry.built && offset + limit <= TOP_N_ROWS) {
      return this.direct(table, where.sql, where.params, order, offset, limit);
    }
    await entry.ready;
    const cached = entry;
    const bytes = await this.grid.use(async (c) =>
      encodeReader(
        await c.runAndReadAll(
          `SELECT * EXCLUDE (__position) FROM ${cached.table}
            WHERE __position >= ${offset} AND __position < ${offset + limit} ORDER BY __position`,
        ),
      ),
    );
    return { totalRows: cached.totalRows, offset, page: bytes };
  }

  private async direct(
    table: string,
    where: string,
    params: Array<string | number | boolean>,
    order: string,
    offset: number,
    limit: number,
  ): Promise<Page> {
    return this.grid.use(async (c) => {
      const count = await c.runAndReadAll(`SELECT count(*) FROM ${table} ${where}`, params);
      const totalRows = Number(count.getRowsJS()[0]?.[0] ?? 0);
      const reader = await c.runAndReadAll(
        `SELECT * FROM ${table} ${where} ${order} LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return { totalRows, offset, page: encodeReader(reader) };
    });
  }

  private build(
    key: string,
    table: string,
    where: string,
    params: Array<string | number | boolean>,
    order: string,
  ): CacheEntry {
    const previous = this.cache;
    const name = `${CACHE_CATALOG}.main.sorted_${(this.counter += 1)}`;
    const entry: CacheEntry = { key, table: name, totalRows: 0, built: false, ready: Promise.resolve() };
    entry.ready = this.builder.use(async (c) => {
      if (previous) await c.run(`DROP TABLE IF EXISTS ${previous.table}`);
      await c.run(
        `CREATE TABLE ${name} AS
           SELECT row_number() OVER (${order}) - 1 AS __position, * FROM ${table} ${where}
           ORDER BY __position`,
        params,
      );
      const count = await c.runAndReadAll(`SELECT count(*) FROM ${name}`);
      entry.totalRows = Number(count.getRowsJS()[0]?.[0] ?? 0);
      entry.built = true;
    });
    entry.ready.catch(() => {
      if (this.cache === entry) this.cache = null;
    });
    this.cache = entry;
    return entry;
  }

  /** Forget cached orderings of a version (it was deleted). */
  async forget(versionIds: string[]): Promise<void> {
    const entry = this.cache;
    if (entry && versionIds.some((id) => entry.key.includes(JSON.stringify(id)))) {
      this.cache = null;
      await this.builder.use((c) => c.run(`DROP TABLE IF EXISTS ${entry.table}`)).catch(() => undefined);
    }
  }
}
