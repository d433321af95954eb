/** Error and success toasts: the engine's own sentence, shown until read or timed out. */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { messageOf } from '../../shared/errors';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface ToastState {
  toasts: Toast[];
  push(kind: Toast['kind'], message: string): void;
  dismiss(id: number): void;
}

export type ToastStore = UseBoundStore<StoreApi<ToastState>>;

export function createToastStore(): ToastStore {
  let nextId = 1;
  return create<ToastState>((set, get) => ({
    toasts: [],
    push: (kind, message) => {
      const id = nextId++;
      set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, message }] }));
      // Errors stay longer: a person must have time to read what went wrong.
      setTimeout(() => get().dismiss(id), kind === 'error' ? 12000 : 5000);
    },
    dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  }));
}

/** The app's toasts; stores are handed them (or a test's own) when they are built. */
export const useToasts = createToastStore();

/** Show any failure of a UI action as an error toast. */
export function reportError(error: unknown, toasts: ToastStore = useToasts): void {
  toasts.getState().push('error', messageOf(error));
}
