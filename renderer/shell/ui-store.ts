/** Shell state: the view in front, the jobs panel, the theme, and open dialogs. */
import { create } from 'zustand';
import type { CapabilityId } from './capabilities';

export type ThemePreference = 'system' | 'light' | 'dark';
export type WorkspaceDialogMode = 'open' | 'new' | null;

interface UiState {
  view: CapabilityId;
  jobsOpen: boolean;
  /** The inspector takes room from the main area, so it opens on request. */
  inspectorOpen: boolean;
  /** Whether the panel opened by itself for a job (it then closes by itself too). */
  jobsAutoOpened: boolean;
  theme: ThemePreference;
  shortcutsOpen: boolean;
  workspaceDialog: WorkspaceDialogMode;
  setView(view: CapabilityId): void;
  toggleJobs(open?: boolean): void;
  toggleInspector(): void;
  cycleTheme(): void;
  showShortcuts(open: boolean): void;
  showWorkspaceDialog(mode: WorkspaceDialogMode): void;
}

const THEME_KEY = 'assay.theme';
const order: ThemePreference[] = ['system', 'light', 'dark'];

function savedTheme(): ThemePreference {
  const saved = localStorage.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export const useUi = create<UiState>((set) => ({
  view: 'datasets',
  jobsOpen: false,
  inspectorOpen: false,
  jobsAutoOpened: false,
  theme: savedTheme(),
  shortcutsOpen: false,
  workspaceDialog: null,
  setView: (view) => set({ view }),
  toggleJobs: (open) => set((s) => ({ jobsOpen: open ?? !s.jobsOpen, jobsAutoOpened: false })),
  toggleInspector: () => set((s) => ({ inspectorOpen: !s.inspectorOpen })),
  cycleTheme: () =>
    set((s) => {
      const theme = order[(order.indexOf(s.theme) + 1) % order.length]!;
      localStorage.setItem(THEME_KEY, theme);
      return { theme };
    }),
  showShortcuts: (shortcutsOpen) => set({ shortcutsOpen }),
  showWorkspaceDialog: (workspaceDialog) => set({ workspaceDialog }),
}));
