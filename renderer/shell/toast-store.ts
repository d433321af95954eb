/** Error and success toasts: the engine's own sentence, shown until read or timed out. */
import { create } from 'zustand';
import { messageOf } from '../api/client';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: Toast['kind'], message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push: (kind, message) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, message }] }));
    // Errors stay longer: a person must have time to read what went wrong.
    setTimeout(() => get().dismiss(id), kind === 'error' ? 12000 : 5000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Show any failure of a UI action as an error toast. */
export function reportError(error: unknown): void {
  useToasts.getState().push('error', messageOf(error));
}
