/**
 * Remembers the window's size, position and maximised state between launches, in the
 * user's config folder. A saved position that no longer fits any display (a monitor was
 * unplugged) is dropped so the window never opens off-screen.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export function loadWindowState(file: string, displays: Rect[]): WindowState {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    const width = clampSize(saved.width, 800, DEFAULT_STATE.width);
    const height = clampSize(saved.height, 560, DEFAULT_STATE.height);
    const state: WindowState = { width, height, maximized: saved.maximized === true };
    if (
      typeof saved.x === 'number' &&
      typeof saved.y === 'number' &&
      fitsSomeDisplay({ x: saved.x, y: saved.y, width, height }, displays)
    ) {
      state.x = saved.x;
      state.y = saved.y;
    }
    return state;
  } catch {
    return { ...DEFAULT_STATE };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window position is harmless; never fail a quit over it.
  }
}

function clampSize(value: unknown, min: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.round(value) : fallback;
}

/** At least a 100×50 corner of the title bar area must be on a display. */
function fitsSomeDisplay(window: Rect, displays: Rect[]): boolean {
  return displays.some(
    (d) =>
      window.x + 100 <= d.x + d.width &&
      window.x + window.width - 100 >= d.x &&
      window.y >= d.y &&
      window.y + 50 <= d.y + d.height,
  );
}
