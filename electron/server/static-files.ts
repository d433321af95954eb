/**
 * Serves the built UI (`dist/renderer`) to the browser: resolves paths strictly inside
 * that folder, answers unknown routes with index.html (the UI routes on the client) and
 * never caches index.html, so a rebuilt app is picked up on reload.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  immutable: boolean;
}

/**
 * The file for a URL path: 'missing' for an asset that does not exist, null when the UI
 * has not been built at all.
 */
export async function readStaticFile(
  rootDir: string,
  urlPath: string,
): Promise<StaticFile | 'missing' | null> {
  const root = path.resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return 'missing';
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return 'missing';
  const isAsset = path.extname(candidate) !== '';
  const file = isAsset ? candidate : path.join(root, 'index.html');
  const body = await fs.readFile(file).catch(() => null);
  if (body)
    return {
      body,
      contentType: contentTypeOf(file),
      immutable: file.includes(`${path.sep}assets${path.sep}`),
    };
  return isAsset ? 'missing' : null;
}

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
