/** `assay import FILE…`: files into a dataset version, the same job the app runs. */
import type { Command } from 'commander';
import type { FileFormat, ImportOptions } from '../../../../shared/datasets';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';

interface ImportFlags {
  name?: string;
  format?: string;
  delimiter?: string;
  header: boolean;
  skipBadRows?: boolean;
  type: string[];
  sheet?: string;
  encoding?: string;
  decimalComma?: boolean;
}

const FORMATS: FileFormat[] = ['csv', 'parquet', 'json', 'ndjson', 'arrow', 'excel'];

export function registerImport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description(
      'Import files (CSV, TSV, gzip/zstd CSV, Parquet, JSON, NDJSON, Arrow, Excel) as a new dataset version.',
    )
    .argument('<files...>', 'files or glob patterns (quoted), read into one dataset by column name')
    .option('--name <name>', 'dataset name (default: the first file name)')
    .option('--format <format>', `file format: ${FORMATS.join(', ')} (default: from the extension)`)
    .option('--delimiter <char>', 'CSV field delimiter (default: sniffed)')
    .option('--no-header', 'the first CSV line is data, not column names')
    .option('--skip-bad-rows', 'skip rows that do not parse (they are counted and kept aside)')
    .option('--type <column=TYPE>', 'set a column type, e.g. --type price=DOUBLE (repeatable)', collect, [])
    .option('--sheet <name>', 'Excel sheet to read (default: the first)')
    .option('--encoding <encoding>', 'text encoding: utf-8, utf-16, latin-1')
    .option('--decimal-comma', 'numbers use a decimal comma (1,5)')
    .action(async (files: string[], flags: ImportFlags) => {
      const options = importOptions(flags);
      const started = performance.now();
      const version = await withClient(globals(), (client) =>
        runCliJob(client, 'datasets.import', {
          paths: files,
          ...(flags.name !== undefined ? { name: flags.name } : {}),
          options,
        }),
      );
      const result = {
        dataset: version.dataset,
        version: version.number,
        rows: version.rows,
        columns: version.columns.map((c) => ({ name: c.name, type: c.type })),
        seconds: Math.round((performance.now() - started) / 10) / 100,
      };
      emit(globals(), result, (r) =>
        [
          `Imported ${r.rows.toLocaleString('en-US')} rows into ${r.dataset}@${r.version} in ${r.seconds} s`,
          ...r.columns.map((c) => `  ${c.name}  ${c.type}`),
          version.rejectedRows ? `Skipped ${version.rejectedRows.toLocaleString('en-US')} bad rows.` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function importOptions(flags: ImportFlags): ImportOptions {
  const options: ImportOptions = {};
  if (flags.format !== undefined) {
    if (!FORMATS.includes(flags.format as FileFormat)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${flags.format}".`);
    }
    options.format = flags.format as FileFormat;
  }
  if (flags.delimiter !== undefined) {
    const delimiter = flags.delimiter === '\\t' || flags.delimiter === 'tab' ? '\t' : flags.delimiter;
    if (delimiter.length < 1 || delimiter.length > 4)
      throw new UsageError('--delimiter must be 1 to 4 characters.');
    options.delimiter = delimiter;
  }
  if (flags.header === false) options.header = false;
  if (flags.skipBadRows) options.skipBadRows = true;
  if (flags.sheet) options.sheet = flags.sheet;
  if (flags.encoding) options.encoding = flags.encoding;
  if (flags.decimalComma) options.decimalSeparator = ',';
  if (flags.type.length > 0) {
    options.columnTypes = {};
    for (const pair of flags.type) {
      const at = pair.lastIndexOf('=');
      if (at <= 0 || at === pair.length - 1) throw new UsageError(`--type takes COLUMN=TYPE, not "${pair}".`);
      options.columnTypes[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return options;
}
