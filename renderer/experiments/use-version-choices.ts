/** Every version of every dataset, labelled `dataset@N`, for a "rows to score" choice. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useDatasets } from '../app-stores';
import { versionLabel } from '../datasets/version-label';

export function useVersionChoices(): Array<{ id: string; label: string }> {
  const { list } = useDatasets();
  const [versions, setVersions] = useState<Array<{ id: string; label: string }>>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(list.map((d) => api.call('datasets.versions', { dataset: d.name }))).then(
      (all) => live && setVersions(all.flat().map((v) => ({ id: v.id, label: versionLabel(v) }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [list]);
  return versions;
}
