/**
 * Browser mode's answer to drag and drop: a browser never reveals where a dropped file
 * lives, and on a remote machine the file is not there anyway, so the page streams it
 * to `uploads/` inside the workspace (POST /upload?name=…), then imports that path. The
 * body goes to disk as it arrives (no size cap in memory); a broken upload leaves
 * nothing behind.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export const UPLOADS_DIR = 'uploads';

/** A file name safe on every platform, keeping the extension that tells the format. */
export function safeUploadName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC');
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/, '')
    .slice(-120);
  return cleaned || 'upload';
}

export async function receiveUpload(
  workspaceRoot: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name');
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (!name) {
    reply(400, { message: 'Say which file this is: /upload?name=FILE.' });
    return;
  }
  const dir = path.join(workspaceRoot, UPLOADS_DIR, randomUUID().slice(0, 8));
  const target = path.join(dir, safeUploadName(name));
  await fs.promises.mkdir(dir, { recursive: true });
  try {
    await pipeline(req, fs.createWriteStream(target, { flags: 'wx' }));
    reply(200, { path: target, bytes: (await fs.promises.stat(target)).size });
  } catch {
    await fs.promises.rm(dir, { recursive: true, force: true });
    if (!res.headersSent) reply(500, { message: `The upload of ${name} broke off; drop the file again.` });
  }
}
