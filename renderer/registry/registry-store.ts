/**
 * The Registry view's state: the workspace's models and their versions, the version whose
 * card is open, a diff against another version, the tags of a repository, and the one
 * push, pull or export in flight with its bytes and rate. Registry credentials pass
 * through a call and are never kept in the state. Built around an `ApiClient`, so tests
 * script one.
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
import { ApiError } from '../../shared/errors';
import type { JobProgress } from '../../shared/jobs';
import { runJob } from '../../shared/run-job';
import { reportError, type ToastStore } from '../shell/toast-store';

/** How to reach a registry: plain HTTP (loopback or on purpose) and, optionally, a login. */
export interface RegistryAccess {
  plainHttp?: boolean;
  username?: string;
  password?: string;
}

/** A push, pull or export under way. */
export interface Transfer {
  kind: 'push' | 'pull' | 'export';
  /** What moves: "oci://…" or "model 1.0.0". */
  target: string;
  jobId: string | null;
  stage: string;
  fraction: number | null;
  done: number;
  total: number | null;
  /** Bytes per second so far; null until a first byte moved. */
  bytesPerSecond: number | null;
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
  load(): Promise<void>;
  openModel(model: string | null): void;
  openVersion(version: string | null): Promise<void>;
  compare(other: string | null): Promise<void>;
  push(reference: string, access: RegistryAccess): Promise<PushInfo | null>;
  pull(reference: string, access: RegistryAccess): Promise<BundleInfo | null>;
  listTags(reference: string, access: RegistryAccess): Promise<void>;
  exportRun(runId: string, name: string, version: string): Promise<BundleInfo | null>;
  /** Cancel the push, pull or export in flight; it leaves nothing behind. */
  cancelTransfer(): void;
}

export type RegistryStore = UseBoundStore<StoreApi<RegistryState>>;

const WORDS: Record<Transfer['kind'], string> = { push: 'Push', pull: 'Pull', export: 'Export' };

/** The pull and tags methods take a login as one object, only when both parts are given. */
function credentialsOf(access: RegistryAccess): { username: string; password: string } | undefined {
  return access.username && access.password
    ? { username: access.username, password: access.password }
    : undefined;
}

/** A transfer's numbers from a job's progress record. */
export function transferProgress(transfer: Transfer, job: JobProgress, now: number): Transfer {
  const next = { ...transfer, jobId: job.jobId, stage: job.stage, fraction: job.fraction };
  if (job.unit !== 'bytes') return next;
  const done = job.done ?? 0;
  const seconds = (now - job.startedAt) / 1000;
  return {
    ...next,
    done,
    total: job.total ?? null,
    bytesPerSecond: done > 0 && seconds > 0 ? done / seconds : transfer.bytesPerSecond,
  };
}

export function createRegistryStore(
  client: ApiClient,
  toasts: ToastStore,
  now: () => number = Date.now,
): RegistryStore {
  let abort: AbortController | null = null;

  /** Runs one transfer job at a time; a cancel is news, not an error. */
  async function transfer<R>(
    kind: Transfer['kind'],
    target: string,
    start: (options: { signal: AbortSignal; onProgress: (job: JobProgress) => void }) => Promise<R>,
  ): Promise<R | null> {
    if (store.getState().transfer) {
      toasts.getState().push('error', 'Wait for the transfer under way to finish, or cancel it.');
      return null;
    }
    const controller = (abort = new AbortController());
    store.setState({
      transfer: {
        kind,
        target,
        jobId: null,
        stage: 'Starting',
        fraction: null,
        done: 0,
        total: null,
        bytesPerSecond: null,
      },
    });
    const onProgress = (job: JobProgress) =>
      store.setState((s) => (s.transfer ? { transfer: transferProgress(s.transfer, job, now()) } : {}));
    try {
      return await start({ signal: controller.signal, onProgress });
    } catch (error) {
      if (controller.signal.aborted || (error instanceof ApiError && error.code === 'CANCELLED')) {
        toasts.getState().push('info', `${WORDS[kind]} cancelled; nothing was left behind.`);
      } else reportError(error, toasts);
      return null;
    } finally {
      abort = null;
      store.setState({ transfer: null });
    }
  }

  const store = create<RegistryState>((set, get) => ({
    models: [],
    loaded: false,
    model: null,
    version: null,
    detail: null,
    diff: null,
    tags: null,
    transfer: null,
    lastPush: null,
    load: async () => {
      const models = await client.call('bundles.list', {});
      set((s) => ({
        models,
        loaded: true,
        model: s.model && models.some((m) => m.name === s.model) ? s.model : (models[0]?.name ?? null),
      }));
    },
    openModel: (model) => set({ model, version: null, detail: null, diff: null, lastPush: null }),
    openVersion: async (version) => {
      const model = get().model;
      set({ version, detail: null, diff: null, lastPush: null });
      if (!version || !model) return;
      try {
        const detail = await client.call('bundles.get', { model, version });
        if (get().version === version && get().model === model) set({ detail });
      } catch (error) {
        reportError(error, toasts);
      }
    },
    compare: async (other) => {
      const { model, version } = get();
      set({ diff: null });
      if (!other || !model || !version) return;
      try {
        set({ diff: await client.call('bundles.diff', { model, from: other, to: version }) });
      } catch (error) {
        reportError(error, toasts);
      }
    },
    push: async (reference, access) => {
      const { model, version } = get();
      if (!model || !version) return null;
      const pushed = await transfer('push', reference, (options) =>
        runJob(
          client,
          'registry.push',
          {
            model,
            version,
            reference,
            plainHttp: access.plainHttp || undefined,
            username: access.username || undefined,
            password: access.password || undefined,
          },
          options,
        ),
      );
      if (!pushed) return null;
      toasts.getState().push('info', `Pushed ${model} ${version} to ${pushed.reference}.`);
      await refresh();
      set({ lastPush: pushed });
      return pushed;
    },
    pull: async (reference, access) => {
      const request = {
        reference,
        plainHttp: access.plainHttp || undefined,
        credentials: credentialsOf(access),
      };
      const pulled = await transfer('pull', reference, (options) =>
        runJob(client, 'registry.pull', request, options),
      );
      if (!pulled) return null;
      toasts.getState().push('info', `Pulled ${pulled.model} ${pulled.version} into this workspace.`);
      set({ model: pulled.model });
      await refresh();
      await get().openVersion(pulled.version);
      return pulled;
    },
    listTags: async (reference, access) => {
      set({ tags: null });
      try {
        const request = {
          reference,
          plainHttp: access.plainHttp || undefined,
          credentials: credentialsOf(access),
        };
        set({ tags: await client.call('registry.tags', request) });
      } catch (error) {
        reportError(error, toasts);
      }
    },
    exportRun: async (runId, name, version) => {
      const exported = await transfer('export', `${name} ${version}`, (options) =>
        runJob(client, 'bundles.export', { runId, name, version }, options),
      );
      if (!exported) return null;
      toasts.getState().push('info', `Exported ${exported.model} ${exported.version}; find it in Registry.`);
      set({ model: exported.model, version: null, detail: null, diff: null });
      await refresh();
      return exported;
    },
    cancelTransfer: () => abort?.abort(),
  }));

  /** Reloads the list and the open card (its digest and references change on push). */
  async function refresh(): Promise<void> {
    try {
      await store.getState().load();
      const { version } = store.getState();
      if (version) await store.getState().openVersion(version);
    } catch (error) {
      reportError(error, toasts);
    }
  }

  client.on('bundles.changed', () => {
    if (store.getState().loaded && !store.getState().transfer) void refresh();
  });
  client.on('workspace.changed', () =>
    store.setState({
      models: [],
      loaded: false,
      model: null,
      version: null,
      detail: null,
      diff: null,
      tags: null,
    }),
  );
  return store;
}
