/**
 * The Features capability (docs/architecture.md, "The Features view"): build feature columns as
 * recipe steps and see each one (grid and distribution) before adding it, rank columns
 * against a target and choose what Train uses, save, search and follow feature sets
 * (lineage, and which runs and bundles used each version), and join a label table to them
 * as of each label's time into a training table.
 */
import { useEffect } from 'react';
import { useDatasets, useFeatures } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { EmptyState } from '../shell/EmptyState';
import { FeatureBuilder } from './FeatureBuilder';
import { FeatureSetsPanel } from './FeatureSetsPanel';
import { FeaturesTabs } from './FeaturesTabs';
import { JoinPanel } from './JoinPanel';
import { RankingPanel } from './RankingPanel';
import '../clean/clean.css';
import '../profile/profile.css';
import './features.css';

function NoVersion() {
  return (
    <EmptyState title="Features" icon="⋔">
      <p>
        Choose a dataset and version in the bar above (or import one in Datasets). Then build features such as
        lags and rolling means, rank every column against a target, and save the ones you keep as a versioned
        feature set.
      </p>
    </EmptyState>
  );
}

export function FeaturesView() {
  const version = useDatasets((s) => s.version);
  const tab = useFeatures((s) => s.tab);
  useEffect(() => useFeatures.getState().setVersion(version), [version]);
  useEffect(() => void useFeatures.getState().loadSets(), []);
  return (
    <div className="features-view">
      <header className="features-header">
        <h1>Features {version && <span className="muted">{versionLabel(version)}</span>}</h1>
        <FeaturesTabs />
      </header>
      {tab === 'sets' ? (
        <FeatureSetsPanel />
      ) : tab === 'join' ? (
        <JoinPanel />
      ) : !version ? (
        <NoVersion />
      ) : tab === 'build' ? (
        <FeatureBuilder />
      ) : (
        <RankingPanel />
      )}
    </div>
  );
}
