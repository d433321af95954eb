/** The browser-mode server for real: HTTP and WebSocket on loopback, with and without the token. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { JobProgress } from '../../shared/jobs';
import { decodeMessage, encodeMessage, type ServerMessage } from '../../shared/wire';
import { Engine } from '../engine/index';
import { tempDir } from '../testing/temp-engine';
import { cookieName } from './access-control';
import { startServer, type RunningServer } from './server';

describe('browser-mode server', () => {
  let engine: Engine;
  let server: RunningServer;
  let workspaceDir: string;
  const rendererDir = tempDir('assay-ui-');

  before(async () => {
    fs.writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><title>Assay</title><div id="root"></div>',
    );
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    workspaceDir = tempDir();
    engine = await Engine.create({ workspaceDir, mode: 'browser' });
    server = await startServer({ engine, rendererDir });
  });
  after(async () => {
    await server.close();
    await engine.close();
    fs.rmSync(workspaceDir, { recursive: true, force: true });
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  const base = () => `http://127.0.0.1:${server.port}`;

  it("downloads a file of the workspace's exports/ folder by name, behind the token, and nothing else", async () => {
    fs.writeFileSync(path.join(engine.workspace.root, 'exports', 'sales.csv'), 'a,b\n1,2\n');
    const withToken = (p: string) => `${base()}${p}?token=${server.token}`;
    const ok = await fetch(withToken('/exports/sales.csv'));
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'a,b\n1,2\n');
    assert.match(ok.headers.get('content-disposition') ?? '', /attachment; filename\*=UTF-8''sales\.csv/);
    assert.equal((await fetch(`${base()}/exports/sales.csv`)).status, 401);
    for (const sneaky of [
      '..%2Fworkspace.duckdb',
      '%2E%2E%2Fworkspace.duckdb',
      '.hidden',
      '%E0%A4%A',
      'nope.csv',
    ]) {
      assert.equal((await fetch(withToken(`/exports/${sneaky}`))).status, 404, sneaky);
    }
  });

  it('prints an address on loopback with a long random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 without the token and 200 with the app and a strict cookie with it', async () => {
    const refused = await fetch(`${base()}/`);
    assert.equal(refused.status, 401);
    assert.doesNotMatch(await refused.text(), /<div id="root">/);
    assert.equal((await fetch(`${base()}/?token=wrong`)).status, 401);
    assert.equal((await fetch(`${base()}/assets/app.js`)).status, 401);

    const ok = await fetch(server.url);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /<div id="root">/);
    const cookie = ok.headers.get('set-cookie') ?? '';
    assert.match(
      cookie,
      new RegExp(`^${cookieName(server.port)}=${server.token}; HttpOnly; SameSite=Strict; Path=/`),
    );
    assert.match(ok.headers.get('content-security-policy') ?? '', /script-src 'self'/);

    const withCookie = await fetch(`${base()}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(withCookie.status, 200);
    assert.equal((await fetch(`${base()}/assets/missing.js?token=${server.token}`)).status, 404);
    const traversal = await fetch(`${base()}/..%2f..%2f..%2f..%2fetc%2fpasswd?token=${server.token}`);
    assert.doesNotMatch(await traversal.text(), /root:/, 'paths never leave the UI folder');
    assert.equal((await fetch(`${base()}/..%2f..%2fpackage.json?token=${server.token}`)).status, 404);
  });

  it('refuses a foreign Host header even with the token', async () => {
    const response = await rawGet(server.port, `/?token=${server.token}`, {
      Host: `evil.example:${server.port}`,
    });
    assert.equal(response.status, 403);
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    const origin = base();
    await assert.rejects(connect(`ws://127.0.0.1:${server.port}/ws`, { origin }), /401/);
    await assert.rejects(connect(`ws://127.0.0.1:${server.port}/ws?token=nope`, { origin }), /401/);
    await assert.rejects(
      connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: 'http://evil.example' }),
      /403/,
    );
    const socket = await connect(`ws://127.0.0.1:${server.port}/ws`, {
      origin,
      headers: { cookie: `${cookieName(server.port)}=${server.token}` },
    });
    socket.close();
  });

  it('round-trips calls, errors and events over the WebSocket', async () => {
    const socket = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, {
      origin: base(),
    });
    const messages: ServerMessage[] = [];
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      messages.push(decodeMessage(isBinary ? new Uint8Array(data) : data.toString()) as ServerMessage);
    });
    const waitFor = async (predicate: (m: ServerMessage) => boolean): Promise<ServerMessage> => {
      for (let i = 0; i < 200; i += 1) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('message did not arrive');
    };

    socket.send(encodeMessage({ type: 'call', id: 1, method: 'workspace.info', request: {} }));
    const info = await waitFor((m) => m.type === 'result' && m.id === 1);
    assert.ok(info.type === 'result' && info.result.ok);
    assert.equal((info.result.value as { path: string }).path, path.resolve(workspaceDir));

    socket.send(encodeMessage({ type: 'call', id: 2, method: 'no.such.method', request: {} }));
    const unknown = await waitFor((m) => m.type === 'result' && m.id === 2);
    assert.ok(unknown.type === 'result' && !unknown.result.ok);
    assert.equal(unknown.result.error.code, 'BAD_REQUEST');

    socket.send(encodeMessage({ type: 'call', id: 3, method: 'workspace.open', request: { path: 42 } }));
    const invalid = await waitFor((m) => m.type === 'result' && m.id === 3);
    assert.ok(invalid.type === 'result' && !invalid.result.ok);
    assert.match(invalid.result.error.message, /^Invalid request to workspace\.open \(path\)/);

    engine.jobs.start({ kind: 'test', label: 'A job seen by the page' }, async () => 'done');
    const event = await waitFor(
      (m) => m.type === 'event' && (m.payload as JobProgress).state === 'succeeded',
    );
    assert.ok(event.type === 'event' && event.event === 'job.progress');

    // An unreadable message is answered, then that connection (only) is closed.
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    socket.send('not json at all');
    await waitFor((m) => m.type === 'fatal');
    assert.equal(await closed, 1007);
  });
});

function connect(url: string, options: WebSocket.ClientOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

async function rawGet(
  port: number,
  pathname: string,
  headers: Record<string, string>,
): Promise<{ status: number }> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server on every interface', () => {
  it('prints an address that answers 200, not the wildcard', async () => {
    const workspaceDir = tempDir();
    const rendererDir = tempDir('assay-ui-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const engine = await Engine.create({ workspaceDir, mode: 'browser' });
    const server = await startServer({ engine, rendererDir, host: '0.0.0.0' });
    try {
      assert.doesNotMatch(server.url, /0\.0\.0\.0/);
      assert.equal((await fetch(server.url)).status, 200);
    } finally {
      await server.close();
      await engine.close();
    }
  });
});

describe('browser-mode uploads', () => {
  it('streams a dropped file into the workspace, and refuses it cross-site or without a token', async () => {
    const workspaceDir = tempDir();
    const engine = await Engine.create({ workspaceDir, mode: 'browser' });
    const server = await startServer({ engine, rendererDir: tempDir() });
    const origin = `http://127.0.0.1:${server.port}`;
    const cookie = `${cookieName(server.port)}=${server.token}`;
    try {
      const body = 'a,b\n1,2\n';
      const ok = await fetch(`${origin}/upload?name=${encodeURIComponent('../../evil name.csv')}`, {
        method: 'POST',
        headers: { cookie, origin },
        body,
      });
      assert.equal(ok.status, 200);
      const { path: saved, bytes } = (await ok.json()) as { path: string; bytes: number };
      assert.equal(bytes, body.length);
      assert.ok(saved.startsWith(path.join(path.resolve(workspaceDir), 'uploads')), saved);
      assert.equal(path.basename(saved), 'evil name.csv');
      assert.equal(fs.readFileSync(saved, 'utf8'), body);

      const foreign = await fetch(`${origin}/upload?name=x.csv`, {
        method: 'POST',
        headers: { cookie, origin: 'http://evil.example' },
        body,
      });
      assert.equal(foreign.status, 403);
      const noOrigin = await fetch(`${origin}/upload?name=x.csv`, {
        method: 'POST',
        headers: { cookie },
        body,
      });
      assert.equal(noOrigin.status, 403);
      const noToken = await fetch(`${origin}/upload?name=x.csv`, {
        method: 'POST',
        headers: { origin },
        body,
      });
      assert.equal(noToken.status, 401);
    } finally {
      await server.close();
      await engine.close();
    }
  });
});
