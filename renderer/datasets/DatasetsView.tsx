/** The Datasets capability: the catalogue, or one dataset's grid and SQL console. */
import { useEffect } from 'react';
import { reportError } from '../shell/toast-store';
import { Catalogue } from './Catalogue';
import { DatasetDetail } from './DatasetDetail';
import { useDatasets } from '../app-stores';
import { useImport } from './import-store';
import './datasets.css';

export function DatasetsView() {
  const { openDataset, version, loaded } = useDatasets();
  useEffect(() => {
    if (!loaded) void useDatasets.getState().load().catch(reportError);
  }, [loaded]);
  const showImport = () => useImport.getState().show([]);
  if (openDataset && version)
    return (
      <DatasetDetail
        key={version.id}
        version={version}
        onBack={() => void useDatasets.getState().open(null)}
      />
    );
  return <Catalogue onImport={showImport} />;
}
