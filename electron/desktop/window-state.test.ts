import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../testing/temp-engine';
import { loadWindowState, saveWindowState } from './window-state';

const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('restores what was saved', () => {
    const file = path.join(tempDir(), 'sub', 'state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    assert.deepEqual(loadWindowState(file, [display]), {
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('drops a position that is on no display, and nonsense sizes', () => {
    const file = path.join(tempDir(), 'state.json');
    fs.writeFileSync(file, JSON.stringify({ x: 5000, y: 5000, width: 10, height: 'big', maximized: 'yes' }));
    assert.deepEqual(loadWindowState(file, [display]), { width: 1280, height: 800, maximized: false });
    fs.writeFileSync(file, '{ broken');
    assert.deepEqual(loadWindowState(file, [display]), { width: 1280, height: 800, maximized: false });
  });
});
