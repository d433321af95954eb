/**
 * The folder holding Assay's package.json, found by walking up from this module: it sits
 * at a different depth in the source tree (tsx), the bundle (dist/node) and a packaged
 * desktop app, and the UI's built files are found relative to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function locate(): { root: string; version: string } {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth += 1) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'assay') return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
    }
    dir = path.dirname(dir);
  }
  throw new Error('Assay cannot find its own package.json; reinstall it.');
}

export function packageRoot(): string {
  return locate().root;
}

export function appVersion(): string {
  return locate().version;
}

/** Where `npm run build` puts the UI. */
export function rendererDir(): string {
  return path.join(packageRoot(), 'dist', 'renderer');
}
