/**
 * `dataset@N` for version ids a lineage names: from the versions already loaded when
 * they hold it, otherwise asked of the engine once (`datasets.version`).
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useDatasets } from '../app-stores';
import { versionLabel } from './version-label';

export function useVersionLabels(ids: string[]): (id: string) => string | null {
  const loaded = useDatasets((s) => s.versions);
  const [fetched, setFetched] = useState<Record<string, string>>({});
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const missing = key.split(',').filter((id) => id && !loaded.some((v) => v.id === id));
    for (const id of missing) {
      api.call('datasets.version', { version: id }).then(
        (v) => live && setFetched((f) => ({ ...f, [id]: versionLabel(v) })),
        // A parent deleted since keeps the neutral wording.
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key, loaded]);
  return (id) => {
    const known = loaded.find((v) => v.id === id);
    return known ? versionLabel(known) : (fetched[id] ?? null);
  };
}
