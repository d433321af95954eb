/** Shell state: the view in front, the jobs panel, the theme, and open dialogs. */
import { create } from 'zustand';
import type { CapabilityId } from './capabilities';

export type ThemePreference = 'system' | 'light' | 'dark';
export type WorkspaceDialogMode = 'open' | 'new' | null;

interface UiState {
  view: CapabilityId;
  jobsOpen: boolean;
  theme: ThemePreference;
  shortcutsOpen: boolean;
  workspaceDialog: WorkspaceDialogMode;
  setView(view: CapabilityId): void;
  toggleJobs(open?: boolean): void;
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
  theme: savedTheme(),
  shortcutsOpen: false,
  workspaceDialog: null,
  setView: (view) => set({ view }),
  toggleJobs: (open) => set((s) => ({ jobsOpen: open ?? !s.jobsOpen })),
  cycleTheme: () =>
    set((s) => {
      const theme = order[(order.indexOf(s.theme) + 1) % order.length]!;
      localStorage.setItem(THEME_KEY, theme);
      return { theme };
    }),
  showShortcuts: (shortcutsOpen) => set({ shortcutsOpen }),
  showWorkspaceDialog: (workspaceDialog) => set({ workspaceDialog }),
}));
