/**
 * Browser mode's downloads of exported datasets. A remote page cannot read a path on the
 * machine running Assay, so the UI exports into the workspace's `exports/` folder and then
 * fetches the file here, by its name alone: a name with a separator, `..` or a leading dot
 * is refused, so nothing outside that folder can be reached. The access check in
 * `http-routes.ts` (token or cookie) has already run.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { EXPORTS_DIR } from '../engine/index';

export const DOWNLOAD_PREFIX = '/exports/';

const SAFE_NAME = /^[^/\\.][^/\\]*$/;

export async function sendExport(
  workspaceRoot: string,
  pathname: string,
  res: http.ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(DOWNLOAD_PREFIX.length));
  } catch {
    name = '';
  }
  const folder = path.join(workspaceRoot, EXPORTS_DIR);
  const file = path.join(folder, name);
  const stat = SAFE_NAME.test(name) && !name.includes('..') ? await fs.stat(file).catch(() => null) : null;
  if (!stat?.isFile()) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('No exported file has this name; export the dataset again.\n');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(stat.size),
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Cache-Control': 'no-store',
  });
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
