/** `assay datasets`: the catalogue, as a table for people or JSON for scripts. */
import type { Command } from 'commander';
import type { DatasetSummary } from '../../../shared/datasets';
import { emit, type GlobalOptions } from '../cli-io';
import { withEngine } from '../open-engine';
import { formatBytes } from '../../../shared/format';

export function registerDatasets(program: Command, globals: () => GlobalOptions): void {
  program
    .command('datasets')
    .description('List the datasets of the workspace with their latest version.')
    .action(async () => {
      const list = await withEngine(globals(), (engine) => engine.call('datasets.list', {}));
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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n').trimEnd();
}
