/** Whether the import dialog is open and with which files (from the menu, a drop, a button). */
import { create } from 'zustand';

interface ImportState {
  open: boolean;
  paths: string[];
  /** Bumped on each show, so the dialog starts fresh. */
  session: number;
  show(paths: string[]): void;
  close(): void;
}

export const useImport = create<ImportState>((set) => ({
  open: false,
  paths: [],
  session: 0,
  show: (paths) => set((s) => ({ open: true, paths, session: s.session + 1 })),
  close: () => set({ open: false }),
}));
