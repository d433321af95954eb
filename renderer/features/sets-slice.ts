/**
 * The feature-set part of the Features store: the catalogue (searched by name, tag,
 * owner, entity or feature), one set's versions with its definition and lineage, the runs
 * and bundles that used it (`featureSets.usage`), and saving a new version as a
 * `featureSets.create` job (docs/architecture.md, "The Features view").
 */
import type { StoreApi } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { DatasetVersion, Lineage } from '../../shared/datasets';
import { messageOf } from '../../shared/errors';
import type {
  CreateFeatureSetRequest,
  FeatureSetSummary,
  FeatureSetUsage,
  FeatureSetVersion,
} from '../../shared/features/feature-sets';
import { runJob } from '../../shared/run-job';
import type { ToastStore } from '../shell/toast-store';

export interface SetsSlice {
  sets: FeatureSetSummary[];
  setsError: string | null;
  query: string;
  /** Every version of the open set, oldest first, and the one shown; usage covers all of them. */
  versions: FeatureSetVersion[];
  open: FeatureSetVersion | null;
  usage: FeatureSetUsage | null;
  /** The open version's source and the versions it came from, oldest first (its lineage). */
  ancestry: DatasetVersion[];
  detailError: string | null;
  saving: { fraction: number | null; stage: string } | null;
  saveError: string | null;
  setQuery(query: string): void;
  loadSets(): Promise<void>;
  openSet(name: string, version?: number): Promise<void>;
  closeSet(): void;
  saveSet(request: CreateFeatureSetRequest): Promise<FeatureSetVersion | null>;
  cancelSave(): void;
}

/** How many versions back the lineage is followed. */
const ANCESTRY_DEPTH = 6;

/** A version and its first parents, oldest first; as far as they can be read. */
/** The version a lineage came from first, if any. */
function firstParent(lineage: Lineage): string | null {
  if (lineage.kind === 'recipe' || lineage.kind === 'retype') return lineage.parent;
  return lineage.kind === 'sql' ? (lineage.parents[0] ?? null) : null;
}

async function ancestryOf(client: ApiClient, id: string): Promise<DatasetVersion[]> {
  const chain: DatasetVersion[] = [];
  let next: string | null = id;
  while (next && chain.length < ANCESTRY_DEPTH) {
    const version = await client.call('datasets.version', { version: next }).catch(() => null);
    if (!version) break;
    chain.unshift(version);
    next = firstParent(version.lineage);
  }
  return chain;
}

export const SAVE_CANCELLED = 'The feature set was not saved; nothing changed.';

/** The sets a search matches: every word in the name, description, tags, owner, entity or features. */
export function matchingSets(sets: FeatureSetSummary[], query: string): FeatureSetSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return sets;
  return sets.filter((s) => {
    const l = s.latest;
    const text = [
      s.name,
      l.description,
      l.owner,
      ...l.tags,
      ...l.entity,
      l.timeColumn,
      ...l.features.map((f) => f.name),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function setsSlice<S extends SetsSlice>(
  client: ApiClient,
  store: () => StoreApi<S>,
  toasts: ToastStore,
): SetsSlice {
  let controller: AbortController | null = null;
  let opening = 0;
  const get = () => store().getState();
  const set = (patch: Partial<SetsSlice>) => store().setState(patch as Partial<S>);
  return {
    sets: [],
    setsError: null,
    query: '',
    versions: [],
    open: null,
    usage: null,
    ancestry: [],
    detailError: null,
    saving: null,
    saveError: null,
    setQuery: (query) => set({ query }),
    loadSets: async () => {
      try {
        set({ sets: await client.call('featureSets.list', {}), setsError: null });
      } catch (error) {
        set({ setsError: messageOf(error) });
      }
    },
    openSet: async (name, version) => {
      const mine = ++opening;
      try {
        const [versions, usage] = await Promise.all([
          client.call('featureSets.versions', { name }),
          client.call('featureSets.usage', { name }),
        ]);
        const open = versions.find((v) => v.version === version) ?? versions.at(-1) ?? null;
        const ancestry = open ? await ancestryOf(client, open.source.version) : [];
        if (mine === opening) set({ versions, open, usage, ancestry, detailError: null });
      } catch (error) {
        if (mine === opening) {
          set({ detailError: messageOf(error), open: null, versions: [], usage: null, ancestry: [] });
        }
      }
    },
    closeSet: () => {
      opening += 1;
      set({ open: null, versions: [], usage: null, ancestry: [], detailError: null });
    },
    saveSet: async (request) => {
      if (get().saving) return null;
      const signal = (controller = new AbortController()).signal;
      set({ saving: { fraction: 0, stage: 'Starting' }, saveError: null });
      try {
        const made = await runJob(client, 'featureSets.create', request, {
          signal,
          onProgress: (p) => set({ saving: { fraction: p.fraction, stage: p.stage } }),
        });
        set({ saving: null });
        toasts
          .getState()
          .push('info', `Saved the feature set ${made.name}@${made.version} (${made.materialised.label}).`);
        await get().loadSets();
        await get().openSet(made.name, made.version);
        return made;
      } catch (error) {
        set({ saving: null, saveError: signal.aborted ? SAVE_CANCELLED : messageOf(error) });
        return null;
      }
    },
    cancelSave: () => controller?.abort(),
  };
}
