/**
 * Pure edits of a recipe's steps and of its undo history, so the store's transitions are
 * one line each and tested without a client. Every edit keeps the steps it replaced on the
 * undo stack and forgets what could be redone.
 */
import type { Step } from '../../shared/clean/recipe';

export interface History {
  steps: Step[];
  past: Step[][];
  future: Step[][];
}

/** How many earlier recipes undo remembers. */
export const HISTORY_LIMIT = 200;

export function edit(h: History, steps: Step[]): History {
  return { steps, past: [...h.past.slice(-(HISTORY_LIMIT - 1)), h.steps], future: [] };
}

export function undo(h: History): History | null {
  const previous = h.past.at(-1);
  if (!previous) return null;
  return { steps: previous, past: h.past.slice(0, -1), future: [h.steps, ...h.future] };
}

export function redo(h: History): History | null {
  const next = h.future[0];
  if (!next) return null;
  return { steps: next, past: [...h.past, h.steps], future: h.future.slice(1) };
}

export function replaceAt(steps: Step[], index: number, step: Step): Step[] {
  return steps.map((s, i) => (i === index ? step : s));
}

export function removeAt(steps: Step[], index: number): Step[] {
  return steps.filter((_s, i) => i !== index);
}

/** The steps with one moved up (delta -1) or down (+1); null when it cannot move. */
export function move(steps: Step[], index: number, delta: -1 | 1): Step[] | null {
  const to = index + delta;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return null;
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
