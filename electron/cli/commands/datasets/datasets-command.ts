/** `assay datasets`: the catalogue, as a table for people or JSON for scripts. */
import type { Command } from 'commander';
import type { DatasetSummary } from '../../../../shared/datasets';
import { emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { formatBytes } from '../../../../shared/format';
import { tableLines } from '../../text-table';

export function registerDatasets(program: Command, globals: () => GlobalOptions): void {
  program
    .command('datasets')
    .description('List the datasets of the workspace with their latest version.')
    .action(async () => {
      const list = await withClient(globals(), (client) => client.call('datasets.list', {}));
      emit(globals(), list, table);
    });
}

function table(list: DatasetSummary[]): string {
  if (list.length === 0) return 'No datasets yet; add one with `assay import FILE`.';
  const rows = list.map((d) => [
    d.name,
    String(d.versionCount),
    d.latest.rows.toLocaleString('en-US'),
    String(d.latest.columns.length),
    formatBytes(d.latest.sizeBytes),
    d.latest.createdAt.slice(0, 19).replace('T', ' '),
  ]);
  const header = ['NAME', 'VERSIONS', 'ROWS', 'COLUMNS', 'SIZE', 'UPDATED'];
  const align = (i: number, count: number) => (i === 0 || i === count - 1 ? 'left' : 'right');
  return tableLines(header, rows, { align }).join('\n').trimEnd();
}
