/**
 * The feature builder's part of the Features store: feature operations are recipe steps
 * (docs/architecture.md, "Inside the clean capability"), so the builder holds a short
 * recipe of them over the version in hand, previews the one being written through
 * `clean.preview` before it is added (the grid and the new column's distribution), keeps
 * an undo history of the added ones, and applies them as a `clean.apply` job that makes
 * the version a feature set is saved from.
 */
import type { StoreApi } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { ApplyResult, CleanPreview, StepProblem } from '../../shared/clean/clean-api';
import type { Step, StepOp } from '../../shared/clean/recipe';
import type { DatasetVersion } from '../../shared/datasets';
import { messageOf } from '../../shared/errors';
import { runJob } from '../../shared/run-job';
import * as edits from '../clean/recipe-edits';
import { draftValues, fieldsOf, toStep, type RawValues } from '../clean/step-fields';
import type { ToastStore } from '../shell/toast-store';

export interface FeatureDraft {
  op: StepOp;
  values: RawValues;
}

export interface BuilderSlice extends edits.History {
  draft: FeatureDraft | null;
  preview: CleanPreview | null;
  previewing: boolean;
  previewError: string | null;
  problems: StepProblem[];
  applying: { fraction: number | null; stage: string } | null;
  applyError: string | null;
  applied: ApplyResult | null;
  startDraft(op: StepOp): void;
  setDraftValues(values: RawValues): void;
  cancelDraft(): void;
  /** Add the draft as a feature; false while the form is not a valid step. */
  commitDraft(): boolean;
  removeStep(index: number): void;
  undo(): void;
  redo(): void;
  /** Apply the features as a new version of the dataset (a job). */
  apply(): Promise<void>;
  cancelApply(): void;
}

/** What the builder needs of the whole store. */
export interface BuilderHost extends BuilderSlice {
  version: DatasetVersion | null;
}

export interface BuilderOptions {
  /** Milliseconds of quiet before the preview is asked for (0 in tests). */
  debounceMs?: number;
  /** Rows of the preview page: the grid and the distribution are drawn from them. */
  previewRows?: number;
  /** Open the version the features were applied to (the app opens it in the shared picker). */
  openVersion?: (version: DatasetVersion) => void;
}

export const APPLY_CANCELLED = 'The features were not applied; nothing changed.';

export const BUILDER_CLEARED = {
  steps: [],
  past: [],
  future: [],
  draft: null,
  preview: null,
  previewing: false,
  previewError: null,
  problems: [],
  applying: null,
  applyError: null,
  applied: null,
};

/** The steps the preview runs: the added features, then the draft when it is a valid step. */
export function previewSteps(s: Pick<BuilderSlice, 'steps' | 'draft'>): Step[] {
  const step = s.draft ? toStep(s.draft.op, s.draft.values).step : null;
  return step ? [...s.steps, step] : s.steps;
}

/** A time series is ordered by its date: a form with an order field starts with it. */
function startValues(op: StepOp, version: DatasetVersion | null): RawValues {
  const values = draftValues(op);
  const time = version?.columns.find((c) => /^(DATE|TIMESTAMP)/i.test(c.type));
  for (const field of fieldsOf(op)) {
    if (time && field.kind === 'column' && /order|time/.test(field.name)) values[field.name] = time.name;
  }
  return values;
}

export function builderSlice<S extends BuilderHost>(
  client: ApiClient,
  store: () => StoreApi<S>,
  toasts: ToastStore,
  options: BuilderOptions,
): { slice: BuilderSlice; refresh(): void } {
  const { debounceMs = 250, previewRows = 1000 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let controller: AbortController | null = null;
  const get = () => store().getState();
  const set = (patch: Partial<BuilderHost>) => store().setState(patch as Partial<S>);

  const refresh = () => {
    clearTimeout(timer);
    sequence += 1;
    if (!get().version) return;
    set({ previewing: true });
    const asked = sequence;
    timer = setTimeout(
      () => void runPreview(client, get, set, () => asked === sequence, previewRows),
      debounceMs,
    );
  };
  const editSteps = (steps: Step[], extra: Partial<BuilderSlice> = {}) => {
    set({ ...edits.edit(get(), steps), ...extra });
    refresh();
  };
  const travel = (next: edits.History | null) => {
    if (!next) return;
    set({ ...next, draft: null });
    refresh();
  };

  const slice: BuilderSlice = {
    ...BUILDER_CLEARED,
    startDraft: (op) => {
      set({ draft: { op, values: startValues(op, get().version) } });
      refresh();
    },
    setDraftValues: (values) => {
      const draft = get().draft;
      if (!draft) return;
      set({ draft: { ...draft, values } });
      refresh();
    },
    cancelDraft: () => {
      set({ draft: null });
      refresh();
    },
    commitDraft: () => {
      const { draft, steps } = get();
      const step = draft && toStep(draft.op, draft.values).step;
      if (!step) return false;
      editSteps([...steps, step], { draft: null });
      return true;
    },
    removeStep: (index) => {
      if (get().steps[index]) editSteps(edits.removeAt(get().steps, index));
    },
    undo: () => travel(edits.undo(get())),
    redo: () => travel(edits.redo(get())),
    apply: async () => {
      const { version, steps, applying } = get();
      if (!version || steps.length === 0 || applying) return;
      controller = new AbortController();
      await applySteps(client, { get, set, toasts, options }, version, steps, controller.signal);
    },
    cancelApply: () => controller?.abort(),
  };
  return { slice, refresh };
}

type Get = () => BuilderHost;
type Set = (patch: Partial<BuilderHost>) => void;

async function runPreview(client: ApiClient, get: Get, set: Set, current: () => boolean, limit: number) {
  const { version } = get();
  if (!version) return;
  const steps = previewSteps(get());
  const request = { version: version.id, recipe: { steps } };
  const [preview, check] = await Promise.allSettled([
    client.call('clean.preview', { ...request, limit }),
    steps.length > 0 ? client.call('clean.check', request) : Promise.resolve({ problems: [] }),
  ]);
  if (!current()) return;
  set({
    previewing: false,
    preview: preview.status === 'fulfilled' ? preview.value : null,
    previewError: preview.status === 'rejected' ? messageOf(preview.reason) : null,
    problems: check.status === 'fulfilled' ? check.value.problems : [],
  });
}

interface ApplyContext {
  get: Get;
  set: Set;
  toasts: ToastStore;
  options: BuilderOptions;
}

async function applySteps(
  client: ApiClient,
  { get, set, toasts, options }: ApplyContext,
  version: DatasetVersion,
  steps: Step[],
  signal: AbortSignal,
): Promise<void> {
  set({ applying: { fraction: 0, stage: 'Starting' }, applyError: null, applied: null });
  try {
    const result = await runJob(
      client,
      'clean.apply',
      { version: version.id, recipe: { steps } },
      { signal, onProgress: (p) => set({ applying: { fraction: p.fraction, stage: p.stage } }) },
    );
    const made = result.version;
    // The features are in the new version's lineage; the builder starts afresh on it.
    set({ ...edits.edit(get(), []), applying: null, applied: result, draft: null });
    const count = `${steps.length} feature step${steps.length === 1 ? '' : 's'}`;
    toasts.getState().push('info', `Applied ${count}: ${made.dataset}@${made.number}.`);
    options.openVersion?.(made);
  } catch (error) {
    set({ applying: null, applyError: signal.aborted ? APPLY_CANCELLED : messageOf(error) });
  }
}
