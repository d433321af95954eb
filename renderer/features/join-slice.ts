/**
 * The join part of the Features store: the form of a point-in-time join (a label table's
 * version, its entity and time columns, the feature sets with their versions and ttl
 * overrides, a prefix and the output's name), run as a `featureSets.join` job with its
 * progress, a cancel, the engine's sentence when it fails, and the result (docs/architecture.md,
 * "The Features view"). The form lives in the store so it survives a change of tab.
 */
import type { StoreApi } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { DatasetVersion } from '../../shared/datasets';
import { messageOf } from '../../shared/errors';
import type {
  FeatureJoinRequest,
  FeatureJoinResult,
  FeatureSetSummary,
} from '../../shared/features/feature-sets';
import { runJob } from '../../shared/run-job';
import type { ToastStore } from '../shell/toast-store';

/** One set in the form: a version number (null for the latest) and a ttl override ('' for the set's own). */
export interface JoinSetChoice {
  name: string;
  version: number | null;
  ttl: string;
}

export interface JoinDraft {
  /** The label table's dataset, its versions, and the version chosen. */
  labelsDataset: string;
  labelVersions: DatasetVersion[];
  labels: DatasetVersion | null;
  /** One label column per key of the sets' entity, in the sets' key order. */
  entity: string[];
  timeColumn: string;
  sets: JoinSetChoice[];
  prefix: boolean;
  name: string;
}

export interface JoinSlice {
  join: JoinDraft;
  joining: { fraction: number | null; stage: string } | null;
  joinError: string | null;
  joined: FeatureJoinResult | null;
  /** Choose the label table: a dataset and one of its versions (its latest by default). */
  chooseLabels(dataset: string, versionId?: string): Promise<void>;
  editJoin(patch: Partial<Pick<JoinDraft, 'entity' | 'timeColumn' | 'prefix' | 'name'>>): void;
  addJoinSet(name: string, version?: number): void;
  editJoinSet(index: number, patch: Partial<Omit<JoinSetChoice, 'name'>>): void;
  removeJoinSet(index: number): void;
  runJoin(): Promise<FeatureJoinResult | null>;
  cancelJoin(): void;
}

interface JoinHost extends JoinSlice {
  sets: FeatureSetSummary[];
}

export const JOIN_CANCELLED = 'The join was cancelled; no training table was made.';

export const JOIN_DRAFT: JoinDraft = {
  labelsDataset: '',
  labelVersions: [],
  labels: null,
  entity: [],
  timeColumn: '',
  sets: [],
  prefix: false,
  name: '',
};

const isTime = (type: string) => /^(DATE|TIMESTAMP)/i.test(type);

/** The output's name offered for a label dataset. */
export const defaultJoinName = (dataset: string) => `${dataset}_training`;

/**
 * The entity and time columns with what the names suggest: a label column named as the
 * set's key or time column is taken; otherwise a valid earlier choice stays, and the time
 * column falls back to the labels' first date or timestamp.
 */
export function prefillKeys(
  draft: JoinDraft,
  set: FeatureSetSummary | undefined,
): Pick<JoinDraft, 'entity' | 'timeColumn'> {
  const columns = draft.labels?.columns ?? [];
  const has = (name: string) => columns.some((c) => c.name === name);
  const keys = set?.latest.entity ?? draft.entity;
  const entity = keys.map((key, k) => {
    if (has(key)) return key;
    const earlier = draft.entity[k];
    return earlier && has(earlier) ? earlier : '';
  });
  const wanted = set?.latest.timeColumn;
  const timeColumn =
    wanted && has(wanted)
      ? wanted
      : draft.timeColumn && has(draft.timeColumn)
        ? draft.timeColumn
        : (columns.find((c) => isTime(c.type))?.name ?? '');
  return { entity, timeColumn };
}

/** The request the form makes, or the one sentence saying what it still lacks. */
export function joinRequest(draft: JoinDraft): {
  request: FeatureJoinRequest | null;
  missing: string | null;
} {
  const missing = !draft.labels
    ? 'Choose the label table.'
    : draft.sets.length === 0
      ? 'Add at least one feature set.'
      : draft.entity.length === 0 || draft.entity.some((c) => !c)
        ? 'Choose the label column for each entity key.'
        : !draft.timeColumn
          ? 'Choose the label time column.'
          : !draft.name.trim()
            ? 'Name the training table.'
            : null;
  if (missing || !draft.labels) return { request: null, missing };
  const request: FeatureJoinRequest = {
    labels: draft.labels.id,
    entity: draft.entity,
    timeColumn: draft.timeColumn,
    sets: draft.sets.map((s) => ({
      name: s.name,
      ...(s.version === null ? {} : { version: s.version }),
      ...(s.ttl.trim() ? { ttl: s.ttl.trim() } : {}),
    })),
    name: draft.name.trim(),
    ...(draft.prefix ? { prefix: true } : {}),
  };
  return { request, missing: null };
}

export function joinSlice<S extends JoinHost>(
  client: ApiClient,
  store: () => StoreApi<S>,
  toasts: ToastStore,
): JoinSlice {
  let controller: AbortController | null = null;
  let choosing = 0;
  const get = () => store().getState();
  const set = (patch: Partial<JoinHost>) => store().setState(patch as Partial<S>);
  const summary = (name: string | undefined) => get().sets.find((s) => s.name === name);
  /** A changed form forgets the last result and its sentence. */
  const draft = (patch: Partial<JoinDraft>) =>
    set({ join: { ...get().join, ...patch }, joinError: null, joined: null });
  return {
    join: JOIN_DRAFT,
    joining: null,
    joinError: null,
    joined: null,
    chooseLabels: async (dataset, versionId) => {
      const mine = ++choosing;
      const before = get().join;
      const keepName = before.name.trim() && before.name !== defaultJoinName(before.labelsDataset);
      // Chosen at once, so a default offered meanwhile does not replace it.
      if (dataset !== before.labelsDataset)
        draft({ labelsDataset: dataset, labelVersions: [], labels: null });
      try {
        const versions = await client.call('datasets.versions', { dataset });
        if (mine !== choosing) return;
        const labels = versions.find((v) => v.id === versionId) ?? versions.at(-1) ?? null;
        const now = get().join;
        const next = { ...now, labelVersions: versions, labels };
        draft({
          ...next,
          ...prefillKeys(next, summary(now.sets[0]?.name)),
          name: keepName ? now.name : defaultJoinName(dataset),
        });
      } catch (error) {
        if (mine === choosing) set({ joinError: messageOf(error) });
      }
    },
    editJoin: (patch) => draft(patch),
    addJoinSet: (name, version) => {
      const now = get().join;
      const at = now.sets.findIndex((s) => s.name === name);
      if (at >= 0) {
        if (version !== undefined) get().editJoinSet(at, { version });
        return;
      }
      const sets = [...now.sets, { name, version: version ?? null, ttl: '' }];
      // The first set says which keys the labels need.
      draft(now.sets.length === 0 ? { sets, ...prefillKeys(now, summary(name)) } : { sets });
    },
    editJoinSet: (index, patch) =>
      draft({ sets: get().join.sets.map((s, i) => (i === index ? { ...s, ...patch } : s)) }),
    removeJoinSet: (index) => draft({ sets: get().join.sets.filter((_s, i) => i !== index) }),
    runJoin: async () => {
      const { request } = joinRequest(get().join);
      if (!request || get().joining) return null;
      const signal = (controller = new AbortController()).signal;
      set({ joining: { fraction: 0, stage: 'Starting' }, joinError: null, joined: null });
      try {
        const joined = await runJob(client, 'featureSets.join', request, {
          signal,
          onProgress: (p) => set({ joining: { fraction: p.fraction, stage: p.stage } }),
        });
        set({ joining: null, joined });
        toasts.getState().push('info', `Made the training table ${joined.label}.`);
        return joined;
      } catch (error) {
        set({ joining: null, joinError: signal.aborted ? JOIN_CANCELLED : messageOf(error) });
        return null;
      }
    },
    cancelJoin: () => controller?.abort(),
  };
}
