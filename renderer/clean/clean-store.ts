/**
 * The Clean view's state: the version in hand, the recipe's steps with their undo and
 * redo, the operation being written in the form (a draft, previewed before it is added),
 * the preview of the result (debounced; an answer to an older request is ignored), the
 * problems the engine finds per step, the recipe's code, applying it as a job that makes
 * a new version, and saved recipes. Built around an `ApiClient`, so tests script one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ApiClient } from '../../shared/api';
import type { ApplyResult, CleanPreview, SavedRecipe, StepProblem } from '../../shared/clean/clean-api';
import type { Step, StepOp } from '../../shared/clean/recipe';
import type { DatasetVersion } from '../../shared/datasets';
import { messageOf } from '../../shared/errors';
import { runJob } from '../../shared/run-job';
import { reportError, type ToastStore } from '../shell/toast-store';
import * as edits from './recipe-edits';
import { draftValues, toStep, valuesOf, type RawValues } from './step-fields';

export interface CleanDraft {
  op: StepOp;
  values: RawValues;
  /** The step this draft edits, or null for a new one (added at the end). */
  editing: number | null;
}

export type CodeLanguage = 'sql' | 'pandas';

export interface CleanState extends edits.History {
  version: DatasetVersion | null;
  /** A step clicked in the recipe: the preview shows the data as it is after it. */
  selected: number | null;
  draft: CleanDraft | null;
  preview: CleanPreview | null;
  previewing: boolean;
  previewError: string | null;
  problems: StepProblem[];
  language: CodeLanguage;
  code: string;
  applying: { fraction: number | null; stage: string } | null;
  applied: ApplyResult | null;
  applyError: string | null;
  /** The saved recipe the steps came from (or were saved as), while they are unchanged. */
  recipe: { name: string; number: number; steps: string } | null;
  saved: SavedRecipe[];
  setVersion(version: DatasetVersion | null): void;
  startDraft(op: StepOp, column?: string): void;
  editStep(index: number): void;
  setDraftValues(values: RawValues): void;
  cancelDraft(): void;
  /** Add (or put back) the draft's step; false while the form is not a valid step. */
  commitDraft(): boolean;
  removeStep(index: number): void;
  moveStep(index: number, delta: -1 | 1): void;
  selectStep(index: number | null): void;
  undo(): void;
  redo(): void;
  setLanguage(language: CodeLanguage): void;
  apply(name?: string): Promise<void>;
  cancelApply(): void;
  saveRecipe(name: string, description?: string): Promise<void>;
  loadRecipes(): Promise<void>;
  openRecipe(name: string, number?: number): Promise<void>;
}

export type CleanStore = UseBoundStore<StoreApi<CleanState>>;

export interface CleanStoreOptions {
  /** Milliseconds of quiet before the preview is asked for (0 in tests). */
  debounceMs?: number;
  /** Rows of the preview page. */
  previewRows?: number;
  /** Open the version an application made (the app opens it in the shared picker). */
  openVersion?: (version: DatasetVersion) => void;
}

export const APPLY_CANCELLED = 'The recipe was not applied; nothing changed.';

const CLEARED = { preview: null, previewError: null, problems: [], previewing: false };

/** The steps the preview runs (the draft in its place when it is a valid step) and where it stops. */
export function previewPlan(s: CleanState): { steps: Step[]; through: number | null } {
  const step = s.draft ? toStep(s.draft.op, s.draft.values).step : null;
  if (s.draft && step) {
    if (s.draft.editing === null) return { steps: [...s.steps, step], through: null };
    const steps = edits.replaceAt(s.steps, s.draft.editing, step);
    return { steps, through: s.draft.editing };
  }
  return { steps: s.steps, through: s.selected };
}

type Set = StoreApi<CleanState>['setState'];
type Get = StoreApi<CleanState>['getState'];

/** What every edit does: the new steps on the undo stack, then a fresh preview. */
interface Editing {
  refresh(): void;
  editSteps(steps: Step[], extra?: Partial<CleanState>): void;
}

const INITIAL = {
  version: null,
  steps: [],
  past: [],
  future: [],
  selected: null,
  draft: null,
  ...CLEARED,
  language: 'sql' as CodeLanguage,
  code: '',
  applying: null,
  applied: null,
  applyError: null,
  recipe: null,
  saved: [],
};

export function createCleanStore(
  client: ApiClient,
  toasts: ToastStore,
  options: CleanStoreOptions = {},
): CleanStore {
  const { debounceMs = 250, previewRows = 200 } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let controller: AbortController | null = null;

  const store: CleanStore = create<CleanState>((set, get) => {
    /** Ask for the preview, the problems and the code again, after a quiet moment. */
    const refresh = () => {
      clearTimeout(timer);
      sequence += 1;
      if (!get().version) return;
      set({ previewing: true });
      const asked = sequence;
      timer = setTimeout(
        () => void runPreview(client, store, asked, () => sequence, previewRows),
        debounceMs,
      );
    };
    const editing: Editing = {
      refresh,
      editSteps: (steps, extra = {}) => {
        set({ ...edits.edit(get(), steps), ...extra });
        refresh();
      },
    };
    return {
      ...INITIAL,
      setVersion: (version) => {
        if (version?.id === get().version?.id) return;
        const applied = get().applied;
        set({ version, ...CLEARED, applied: applied?.version.id === version?.id ? applied : null });
        refresh();
      },
      ...draftActions(set, get, editing),
      ...stepActions(set, get, editing),
      setLanguage: (language) => {
        set({ language });
        void loadCode(client, store);
      },
      apply: (name) => applyRecipe(client, store, toasts, options, name, (c) => (controller = c)),
      cancelApply: () => controller?.abort(),
      ...savedRecipeActions(client, toasts, set, get, editing),
    };
  });
  return store;
}

type DraftActions = Pick<
  CleanState,
  'startDraft' | 'editStep' | 'setDraftValues' | 'cancelDraft' | 'commitDraft'
>;

function draftActions(set: Set, get: Get, { refresh, editSteps }: Editing): DraftActions {
  return {
    startDraft: (op, column) => {
      set({ draft: { op, values: draftValues(op, column), editing: null }, selected: null });
      refresh();
    },
    editStep: (index) => {
      const step = get().steps[index];
      if (!step) return;
      set({ draft: { op: step.op, values: valuesOf(step), editing: index }, selected: index });
      refresh();
    },
    setDraftValues: (values) => {
      const draft = get().draft;
      if (!draft) return;
      set({ draft: { ...draft, values } });
      refresh();
    },
    cancelDraft: () => {
      set({ draft: null, selected: null });
      refresh();
    },
    commitDraft: () => {
      const { draft, steps } = get();
      const step = draft && toStep(draft.op, draft.values).step;
      if (!draft || !step) return false;
      const next = draft.editing === null ? [...steps, step] : edits.replaceAt(steps, draft.editing, step);
      editSteps(next, { draft: null, selected: null });
      return true;
    },
  };
}

type StepActions = Pick<CleanState, 'removeStep' | 'moveStep' | 'selectStep' | 'undo' | 'redo'>;

function stepActions(set: Set, get: Get, { refresh, editSteps }: Editing): StepActions {
  const travel = (next: edits.History | null) => {
    if (!next) return;
    set({ ...next, draft: null, selected: null });
    refresh();
  };
  return {
    removeStep: (index) => {
      const { draft, selected, steps } = get();
      if (!steps[index]) return;
      editSteps(edits.removeAt(steps, index), {
        draft: draft?.editing === index ? null : draft,
        selected: selected === index ? null : selected,
      });
    },
    moveStep: (index, delta) => {
      const next = edits.move(get().steps, index, delta);
      if (next) editSteps(next, { draft: null, selected: null });
    },
    selectStep: (index) => {
      set({ selected: index === get().selected ? null : index, draft: null });
      refresh();
    },
    undo: () => travel(edits.undo(get())),
    redo: () => travel(edits.redo(get())),
  };
}

type SavedRecipeActions = Pick<CleanState, 'saveRecipe' | 'loadRecipes' | 'openRecipe'>;

function savedRecipeActions(
  client: ApiClient,
  toasts: ToastStore,
  set: Set,
  get: Get,
  { editSteps }: Editing,
): SavedRecipeActions {
  const held = (saved: SavedRecipe, steps: Step[]) => ({
    recipe: { name: saved.name, number: saved.number, steps: JSON.stringify(steps) },
  });
  return {
    saveRecipe: async (name, description) => {
      try {
        const steps = get().steps;
        const request = { name, recipe: { steps }, ...(description ? { description } : {}) };
        const saved = await client.call('recipes.save', request);
        set(held(saved, steps));
        toasts.getState().push('info', `Saved the recipe ${saved.name} (version ${saved.number}).`);
        await get().loadRecipes();
      } catch (error) {
        reportError(error, toasts);
      }
    },
    loadRecipes: async () => {
      try {
        set({ saved: await client.call('recipes.list', {}) });
      } catch (error) {
        reportError(error, toasts);
      }
    },
    openRecipe: async (name, number) => {
      try {
        const saved = await client.call('recipes.get', { name, ...(number ? { number } : {}) });
        editSteps(saved.recipe.steps, { draft: null, selected: null, ...held(saved, saved.recipe.steps) });
      } catch (error) {
        reportError(error, toasts);
      }
    },
  };
}

async function runPreview(
  client: ApiClient,
  store: CleanStore,
  asked: number,
  latest: () => number,
  limit: number,
): Promise<void> {
  const state = store.getState();
  if (!state.version) return;
  const { steps, through } = previewPlan(state);
  const request = { version: state.version.id, recipe: { steps } };
  const lastIndex = steps.length - 1;
  const [preview, check] = await Promise.allSettled([
    client.call('clean.preview', {
      ...request,
      limit,
      ...(through !== null && through < lastIndex ? { throughStep: through } : {}),
    }),
    steps.length > 0 ? client.call('clean.check', request) : Promise.resolve({ problems: [] }),
    loadCode(client, store),
  ]);
  if (asked !== latest()) return;
  store.setState({
    previewing: false,
    preview: preview.status === 'fulfilled' ? preview.value : null,
    previewError: preview.status === 'rejected' ? messageOf(preview.reason) : null,
    problems: check.status === 'fulfilled' ? check.value.problems : [],
  });
}

/** The committed recipe's code, in the language the code panel shows. */
async function loadCode(client: ApiClient, store: CleanStore): Promise<void> {
  const { steps, version, language } = store.getState();
  let code = '';
  try {
    if (steps.length > 0) {
      const request = { recipe: { steps }, language, ...(version ? { version: version.id } : {}) };
      code = (await client.call('clean.code', request)).code;
    }
  } catch (error) {
    code = `-- ${messageOf(error)}`;
  }
  const now = store.getState();
  if (now.steps === steps && now.language === language) store.setState({ code });
}

async function applyRecipe(
  client: ApiClient,
  store: CleanStore,
  toasts: ToastStore,
  options: CleanStoreOptions,
  name: string | undefined,
  hold: (controller: AbortController) => void,
): Promise<void> {
  const { version, steps, applying, recipe } = store.getState();
  if (!version || steps.length === 0 || applying) return;
  const controller = new AbortController();
  hold(controller);
  store.setState({ applying: { fraction: 0, stage: 'Starting' }, applyError: null, applied: null });
  const unchanged = recipe && recipe.steps === JSON.stringify(steps);
  try {
    const result = await runJob(
      client,
      'clean.apply',
      {
        version: version.id,
        recipe: { steps },
        ...(name?.trim() ? { name: name.trim() } : {}),
        ...(unchanged ? { recipeName: recipe.name } : {}),
      },
      {
        signal: controller.signal,
        onProgress: (p) => store.setState({ applying: { fraction: p.fraction, stage: p.stage } }),
      },
    );
    const made = result.version;
    // The recipe is in the new version's lineage; the steps start afresh on it (undo brings them back).
    store.setState({ ...edits.edit(store.getState(), []), applying: null, applied: result, draft: null });
    toasts
      .getState()
      .push(
        'info',
        `Applied ${steps.length} step${steps.length === 1 ? '' : 's'}: ${made.dataset}@${made.number}.`,
      );
    options.openVersion?.(made);
  } catch (error) {
    const message = controller.signal.aborted ? APPLY_CANCELLED : messageOf(error);
    store.setState({ applying: null, applyError: message });
  }
}
