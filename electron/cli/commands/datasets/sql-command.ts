/** `assay sql "SELECT …"`: read-only DuckDB SQL over the datasets (each is a view by its name). */
import type { Command } from 'commander';
import { tableFromIPC } from 'apache-arrow';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';

export function registerSql(program: Command, globals: () => GlobalOptions): void {
  program
    .command('sql')
    .description('Run a read-only SQL query; datasets are tables by name, "name@N" for a version.')
    .argument('<query>', 'one SELECT, WITH, VALUES, DESCRIBE, SUMMARIZE or SHOW statement')
    .option('--limit <n>', 'at most this many rows', '1000')
    .action(async (query: string, flags: { limit: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
        throw new UsageError(`--limit must be a whole number from 1 to 100000, not "${flags.limit}".`);
      }
      const result = await withClient(globals(), (client) => client.call('sql.run', { sql: query, limit }));
      const rows = tableFromIPC(result.page)
        .toArray()
        .map((r) => plain(r.toJSON() as Record<string, unknown>));
      emit(
        globals(),
        {
          columns: result.columns,
          rows,
          rowCount: result.rowCount,
          truncated: result.truncated,
          elapsedMs: result.elapsedMs,
        },
        (r) =>
          render(
            r.columns.map((c) => c.name),
            r.rows,
            r.truncated,
          ),
      );
    });
}

/** JSON-safe values: BIGINT as a number when exact (else text), dates as ISO text. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}

function render(names: string[], rows: Array<Record<string, unknown>>, truncated: boolean): string {
  const text = (v: unknown) => (v === null || v === undefined ? 'NULL' : String(v));
  const cells = rows.map((r) => names.map((n) => text(r[n])));
  return [
    ...tableLines(names, cells, { maxWidth: 40 }),
    truncated ? `(first ${rows.length} rows)` : `(${rows.length} rows)`,
  ].join('\n');
}
