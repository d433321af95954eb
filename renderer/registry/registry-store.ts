/**
 * The Registry view's state: the workspace's models and their versions, the version whose
 * card is open, a diff against another version, the tags of a repository, and the one
 * push, pull or export in flight with its bytes and rate (registry-transfer.ts). Registry
 * credentials pass through a call and are never kept in the state. Built around an
 * `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type {
  BundleDiff,
  BundleInfo,
  ModelSummary,
  ModelVersionDetail,
  PushInfo,
} from '../../shared/bundles';
import { runJob } from '../../shared/run-job';
import { reportError, type ToastStore } from '../shell/toast-store';
import { registryOf } from './digest';
import { createTransferRunner, type Transfer, type TransferRunner } from './registry-transfer';

export { transferProgress, type Transfer } from './registry-transfer';

/** How to reach a registry: plain HTTP (loopback or on purpose) and, optionally, a login. */
export interface RegistryAccess {
  plainHttp?: boolean;
  username?: string;
  password?: string;
  /** Desktop only: keep this login in the OS keychain (renderer/registry/keychain.ts); never sent. */
  remember?: boolean;
}

export interface RegistryState {
  models: ModelSummary[];
  loaded: boolean;
  /** The model whose versions are listed. */
  model: string | null;
  /** The version whose card is open. */
  version: string | null;
  detail: ModelVersionDetail | null;
  /** The open version compared with another one. */
  diff: BundleDiff | null;
  tags: { repository: string; tags: string[] } | null;
  transfer: Transfer | null;
  /** The last push's outcome, shown beside the version. */
  lastPush: PushInfo | null;
  /** The registry last used ("host:port"), which the Push and Pull forms start from. */
  address: string;
  load(): Promise<void>;
  openModel(model: string | null): void;
  openVersion(version: string | null): Promise<void>;
  compare(other: string | null): Promise<void>;
  listTags(reference: string, access: RegistryAccess): Promise<void>;
  push(reference: string, access: RegistryAccess): Promise<PushInfo | null>;
  pull(reference: string, access: RegistryAccess): Promise<BundleInfo | null>;
  exportRun(runId: string, name: string, version: string): Promise<BundleInfo | null>;
  /** Cancel the push, pull or export in flight; it leaves nothing behind. */
  cancelTransfer(): void;
}

export type RegistryStore = UseBoundStore<StoreApi<RegistryState>>;
type Set = StoreApi<RegistryState>['setState'];
type Get = () => RegistryState;

/** The pull and tags methods take a login as one object, only when both parts are given. */
function credentialsOf(access: RegistryAccess): { username: string; password: string } | undefined {
  return access.username && access.password
    ? { username: access.username, password: access.password }
    : undefined;
}

const remote = (reference: string, access: RegistryAccess) => ({
  reference,
  plainHttp: access.plainHttp || undefined,
  credentials: credentialsOf(access),
});

/** Moving between models, versions, a diff and a repository's tags. */
function browsing(client: ApiClient, toasts: ToastStore, set: Set, get: Get) {
  const report = (error: unknown) => reportError(error, toasts);
  return {
    load: async () => {
      const models = await client.call('bundles.list', {});
      set((s) => ({
        models,
        loaded: true,
        model: s.model && models.some((m) => m.name === s.model) ? s.model : (models[0]?.name ?? null),
      }));
    },
    openModel: (model: string | null) =>
      set({ model, version: null, detail: null, diff: null, lastPush: null }),
    openVersion: async (version: string | null) => {
      const model = get().model;
      set({ version, detail: null, diff: null, lastPush: null });
      if (!version || !model) return;
      const detail = await client.call('bundles.get', { model, version }).catch(report);
      if (detail && get().version === version && get().model === model) set({ detail });
    },
    compare: async (other: string | null) => {
      const { model, version } = get();
      set({ diff: null });
      if (!other || !model || !version) return;
      const diff = await client.call('bundles.diff', { model, from: other, to: version }).catch(report);
      if (diff) set({ diff });
    },
    listTags: async (reference: string, access: RegistryAccess) => {
      set({ tags: null });
      const tags = await client.call('registry.tags', remote(reference, access)).catch(report);
      if (tags) set({ tags, address: registryOf(reference) ?? get().address });
    },
  };
}

/** Push, pull and export: one job at a time, then the list and the open card again. */
function transfers(client: ApiClient, toasts: ToastStore, set: Set, get: Get, runner: TransferRunner) {
  const info = (message: string) => toasts.getState().push('info', message);
  /** Reloads the list and the open card (its digest and references change on push). */
  const refresh = async () => {
    await get()
      .load()
      .catch((error: unknown) => reportError(error, toasts));
    const { version } = get();
    if (version) await get().openVersion(version);
  };
  const remember = (reference: string) => set((s) => ({ address: registryOf(reference) ?? s.address }));
  return {
    refresh,
    push: async (reference: string, access: RegistryAccess) => {
      const { model, version } = get();
      if (!model || !version) return null;
      remember(reference);
      const { credentials, ...rest } = remote(reference, access);
      const request = { model, version, ...rest, ...credentials };
      const pushed = await runner.run('push', reference, (o) => runJob(client, 'registry.push', request, o));
      if (!pushed) return null;
      info(`Pushed ${model} ${version} to ${pushed.reference}.`);
      await refresh();
      set({ lastPush: pushed });
      return pushed;
    },
    pull: async (reference: string, access: RegistryAccess) => {
      remember(reference);
      const request = remote(reference, access);
      const pulled = await runner.run('pull', reference, (o) => runJob(client, 'registry.pull', request, o));
      if (!pulled) return null;
      info(`Pulled ${pulled.model} ${pulled.version} into this workspace.`);
      set({ model: pulled.model, version: pulled.version });
      await refresh();
      return pulled;
    },
    exportRun: async (runId: string, name: string, version: string) => {
      const request = { runId, name, version };
      const exported = await runner.run('export', `${name} ${version}`, (o) =>
        runJob(client, 'bundles.export', request, o),
      );
      if (!exported) return null;
      info(`Exported ${exported.model} ${exported.version}; find it in Registry.`);
      set({ model: exported.model, version: null, detail: null, diff: null });
      await refresh();
      return exported;
    },
    cancelTransfer: () => runner.cancel(),
  };
}

/** What the view shows before anything is loaded, and again when another workspace opens. */
const NOTHING_BROWSED = {
  models: [],
  loaded: false,
  model: null,
  version: null,
  detail: null,
  diff: null,
  tags: null,
} satisfies Partial<RegistryState>;

export function createRegistryStore(
  client: ApiClient,
  toasts: ToastStore,
  now: () => number = Date.now,
): RegistryStore {
  const runner = createTransferRunner(
    { get: () => store.getState().transfer, set: (transfer) => store.setState({ transfer }) },
    toasts,
    now,
  );
  let refresh: () => Promise<void> = async () => undefined;
  const store = create<RegistryState>((set, get) => {
    const { refresh: again, ...moving } = transfers(client, toasts, set, get, runner);
    refresh = again;
    return {
      ...NOTHING_BROWSED,
      transfer: null,
      lastPush: null,
      address: '',
      ...browsing(client, toasts, set, get),
      ...moving,
    };
  });
  client.on('bundles.changed', () => {
    if (store.getState().loaded && !store.getState().transfer) void refresh();
  });
  client.on('workspace.changed', () => store.setState(NOTHING_BROWSED));
  return store;
}
