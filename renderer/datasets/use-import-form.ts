/**
 * The import dialog's state: the paths typed or chosen, the options (the person's
 * overrides plus what the last preview sniffed), the preview itself, and starting the
 * import as a job that opens its dataset when done.
 */
import { useMemo, useState } from 'react';
import type { ImportOptions, ImportPreview } from '../../shared/datasets';
import { api, messageOf } from '../api/client';
import { useDatasets } from '../app-stores';

const DATA_EXTENSIONS = [
  'csv',
  'tsv',
  'txt',
  'gz',
  'zst',
  'parquet',
  'json',
  'ndjson',
  'jsonl',
  'arrow',
  'feather',
  'ipc',
  'xlsx',
];

/** The desktop app's native file dialog, narrowed to the formats Assay reads. */
async function chooseDataFiles(): Promise<string[]> {
  const { paths } = await api.call('dialog.open', {
    kind: 'file',
    multiple: true,
    title: 'Import dataset',
    filters: [
      { name: 'Data files', extensions: DATA_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  return paths;
}

export function useImportForm(initialPaths: string[], onClose: () => void) {
  const [pathsText, setPathsText] = useState(initialPaths.join('\n'));
  const [name, setName] = useState('');
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const paths = useMemo(
    () =>
      pathsText
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
    [pathsText],
  );

  /** Run `work` with the dialog busy, showing its failure as the dialog's error. */
  const guarded = async (work: () => Promise<void>, onError?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      onError?.();
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const runPreview = async (next: ImportOptions = options) => {
    if (paths.length === 0) return;
    await guarded(
      async () => {
        const result = await api.call('datasets.preview', { paths, options: next });
        setPreview(result);
        setOptions(result.options);
      },
      () => setPreview(null),
    );
  };

  const browse = async () => {
    try {
      const chosen = await chooseDataFiles();
      if (chosen.length > 0) setPathsText(chosen.join('\n'));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const start = () =>
    guarded(async () => {
      const { jobId } = await api.call('datasets.import', {
        paths,
        options,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      useDatasets.getState().openWhenDone(jobId);
      onClose();
    });

  return {
    ...{ pathsText, setPathsText, name, setName, options, preview, error, busy, paths },
    runPreview,
    /** Change some options and preview again with them. */
    change: (patch: Partial<ImportOptions>) => {
      const next = { ...options, ...patch };
      setOptions(next);
      void runPreview(next);
    },
    browse,
    start,
  };
}

export type ImportForm = ReturnType<typeof useImportForm>;
