/** The Features view's tabs: build features, rank them against a target, the feature-set catalogue, the point-in-time join. */
import { useFeatures } from '../app-stores';
import type { FeaturesTab } from './features-store';

const TABS: Array<[FeaturesTab, string]> = [
  ['build', 'Build'],
  ['rank', 'Rank'],
  ['sets', 'Feature sets'],
  ['join', 'Join'],
];

export function FeaturesTabs() {
  const tab = useFeatures((s) => s.tab);
  return (
    <nav className="tabs features-tabs" role="tablist" aria-label="Features">
      {TABS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={tab === id ? 'tab on' : 'tab'}
          onClick={() => useFeatures.getState().setTab(id)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
