/**
 * The Features view's state (docs/architecture.md, "The Features view"): the version in hand, the
 * tab in front, and four parts in their own modules — the builder (feature steps
 * previewed and applied through the clean API), the ranking of columns against a target
 * (a `features.rank` job), the feature-set catalogue and the point-in-time join of a label
 * table to sets (a `featureSets.join` job). Built around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { DatasetVersion } from '../../shared/datasets';
import type { ToastStore } from '../shell/toast-store';
import { BUILDER_CLEARED, builderSlice, type BuilderOptions, type BuilderSlice } from './builder-slice';
import { JOIN_DRAFT, joinSlice, type JoinSlice } from './join-slice';
import { rankingSlice, type RankingSlice } from './ranking-slice';
import { setsSlice, type SetsSlice } from './sets-slice';

export type FeaturesTab = 'build' | 'rank' | 'sets' | 'join';

export interface FeaturesState extends BuilderSlice, RankingSlice, SetsSlice, JoinSlice {
  tab: FeaturesTab;
  version: DatasetVersion | null;
  setTab(tab: FeaturesTab): void;
  setVersion(version: DatasetVersion | null): void;
}

export type FeaturesStore = UseBoundStore<StoreApi<FeaturesState>>;

export type FeaturesStoreOptions = BuilderOptions;

export function createFeaturesStore(
  client: ApiClient,
  toasts: ToastStore,
  options: FeaturesStoreOptions = {},
): FeaturesStore {
  const store: FeaturesStore = create<FeaturesState>(() => {
    const builder = builderSlice<FeaturesState>(client, () => store, toasts, options);
    return {
      ...builder.slice,
      ...rankingSlice<FeaturesState>(client, () => store),
      ...setsSlice<FeaturesState>(client, () => store, toasts),
      ...joinSlice<FeaturesState>(client, () => store, toasts),
      tab: 'build',
      version: null,
      setTab: (tab) => store.setState({ tab }),
      setVersion: (version) => {
        const now = store.getState();
        if (version?.id === now.version?.id) return;
        // The version an application made keeps its result on screen; any other starts afresh.
        const applied = now.applied?.version.id === version?.id ? now.applied : null;
        store.setState({ version, ...BUILDER_CLEARED, applied });
        now.resetRanking();
        builder.refresh();
      },
    };
  });
  // Another workspace: its sets, not this one's (the version in hand changes through setVersion).
  client.on('workspace.changed', () => {
    store.getState().closeSet();
    store.getState().cancelJoin();
    store.setState({ sets: [], query: '', join: JOIN_DRAFT, joined: null, joinError: null });
    void store.getState().loadSets();
  });
  return store;
}
