/** Test support: a real engine on a fresh temporary workspace, removed afterwards. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../engine/index';

export async function withTempEngine<T>(run: (engine: Engine, dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-test-'));
  const engine = await Engine.create({ workspaceDir: dir, mode: 'browser' });
  try {
    return await run(engine, dir);
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function tempDir(prefix = 'assay-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
