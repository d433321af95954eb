/**
 * The `org.cncf.model.filepath` of a layer is where its file lives inside the bundle. A
 * pulled manifest is untrusted input, so the path must stay inside the target folder:
 * relative, forward slashes, no `..`, no empty or hidden-device segments.
 */
import path from 'node:path';
import { RegistryError } from './registry-error';

export function checkBundlePath(filepath: string): string {
  const parts = filepath.split('/');
  const bad =
    filepath.length === 0 ||
    filepath.length > 1024 ||
    filepath.includes('\\') ||
    filepath.includes('\0') ||
    filepath.startsWith('/') ||
    parts.some((part) => part === '' || part === '.' || part === '..');
  if (bad) {
    throw new RegistryError(
      'INVALID_INPUT',
      `"${filepath.slice(0, 200)}" is not a safe file path inside a bundle (relative, with / between names, no "..").`,
    );
  }
  return filepath;
}

/** The absolute path of a checked bundle path inside `folder`. */
export function resolveInside(folder: string, filepath: string): string {
  return path.join(folder, ...checkBundlePath(filepath).split('/'));
}
