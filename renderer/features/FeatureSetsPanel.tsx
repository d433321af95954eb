/** The feature-set tab: the searchable catalogue on the left, and the open set or the form saving a new one. */
import { useState } from 'react';
import { useDatasets, useFeatures } from '../app-stores';
import { FeatureSetDetail } from './FeatureSetDetail';
import { FeatureSetList } from './FeatureSetList';
import { SaveFeatureSetForm } from './SaveFeatureSetForm';

export function FeatureSetsPanel() {
  const open = useFeatures((s) => s.open);
  const detailError = useFeatures((s) => s.detailError);
  const version = useDatasets((s) => s.version);
  const [creating, setCreating] = useState(open === null && version !== null);
  const showForm = creating && version !== null;
  return (
    <div className="feature-sets">
      <FeatureSetList
        onOpen={() => setCreating(false)}
        onNew={() => {
          useFeatures.getState().closeSet();
          setCreating(true);
        }}
      />
      <section className="feature-set-main" aria-label={showForm ? 'New feature set' : 'Feature set'}>
        {detailError && (
          <p className="form-error" role="alert">
            {detailError}
          </p>
        )}
        {showForm ? (
          <SaveFeatureSetForm
            version={version}
            onSaved={() => setCreating(false)}
            onCancel={() => setCreating(false)}
          />
        ) : open ? (
          <FeatureSetDetail set={open} />
        ) : (
          <p className="muted">
            {version
              ? 'Open a set on the left, or save the version in hand as a new one with New….'
              : 'Open a set on the left. To save a new one, choose a dataset version in the bar above.'}
          </p>
        )}
      </section>
    </div>
  );
}
