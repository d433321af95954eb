/**
 * One DuckDB connection used by one caller at a time. Grid pages, insights and the SQL
 * console share a connection per workspace (so its temporary tables, like the sorted-page
 * cache, stay reachable); requests arriving together queue here instead of interleaving.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export class SerialConnection {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly connection: DuckDBConnection) {}

  use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => work(this.connection));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
