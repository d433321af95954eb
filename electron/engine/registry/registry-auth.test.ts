/**
 * Auth against a real docker-registry: htpasswd basic auth, and the bearer challenge
 * flow with Distribution's own `auth.token` verification and a token server written here
 * (RS256 JWTs carrying the signing certificate in `x5c`). Also: credentials never follow
 * a redirect to another origin.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSign, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { hasCommand, registryInstalled, startRegistry } from '../../testing/registry-server';
import { tempDir } from '../../testing/temp-engine';
import { listModelTags, modelLayerMediaType, pullModel, pushModel } from './index';

const MISSING = 'docker-registry is not installed';
const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function bundle(): string {
  const dir = tempDir('assay-bundle-');
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'model.onnx'), randomBytes(50_000));
  return dir;
}
const files = [{ filepath: 'model.onnx', mediaType: modelLayerMediaType('weight') }];
const config = { descriptor: { name: 'auth' } };

test('htpasswd basic auth: the right credentials push and pull, wrong or none get a clear sentence', async (t) => {
  if (!registryInstalled()) return t.skip(MISSING);
  if (!hasCommand('htpasswd')) return t.skip('htpasswd (apache2-utils) is not installed');
  const credentials = { username: 'ada', password: 'correct horse' };
  const server = await startRegistry({ basicAuth: credentials });
  try {
    const ref = `oci://${server.host}/private/model:1.0.0`;
    const pushed = await pushModel(ref, { folder: bundle(), files, config }, { credentials });
    const out = tempDir();
    made.push(out);
    assert.equal((await pullModel(ref, { folder: out }, { credentials })).digest, pushed.digest);
    const wrong = { username: 'ada', password: 'wrong' };
    await assert.rejects(pullModel(ref, { folder: out }, { credentials: wrong }), (error: Error) => {
      assert.match(
        error.message,
        /^The registry 127\.0\.0\.1:\d+ refused the credentials while reading the manifest/,
      );
      assert.match(error.message, /check the user name and password/);
      assert.doesNotMatch(error.message, /wrong/);
      return true;
    });
    await assert.rejects(
      listModelTags(`oci://${server.host}/private/model`),
      /refused the credentials .*\(401/,
    );
  } finally {
    await server.stop();
  }
});

interface TokenServer {
  realm: string;
  cert: string;
  issued: string[];
  close(): void;
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/** A token service in the style of Docker's: Basic credentials in, a signed JWT out. */
async function startTokenServer(dir: string, user: string, password: string): Promise<TokenServer> {
  const key = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=assay-token',
    ],
    { stdio: 'ignore' },
  );
  const cert = fs.readFileSync(certFile, 'utf8');
  const der = Buffer.from(cert.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('base64');
  const issued: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      response.writeHead(401).end('{"details":"bad credentials"}');
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    issued.push(scopes.join(' '));
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map((scope) => {
      const [type, name, actions] = scope.split(':');
      return { type, name, actions: (actions ?? '').split(',') };
    });
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der] }));
    const claims = base64url(
      JSON.stringify({
        iss: 'assay-test-issuer',
        sub: user,
        aud: url.searchParams.get('service'),
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString('hex'),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${claims}`)
      .sign(fs.readFileSync(key, 'utf8'));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token: `${header}.${claims}.${base64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { realm: `http://127.0.0.1:${port}/token`, cert, issued, close: () => server.close() };
}

test('bearer challenge flow against docker-registry with token auth: token fetched for the scope and cached', async (t) => {
  if (!registryInstalled()) return t.skip(MISSING);
  if (!hasCommand('openssl')) return t.skip('openssl is not installed');
  const dir = tempDir();
  made.push(dir);
  const credentials = { username: 'grace', password: 's3cret' };
  const tokens = await startTokenServer(dir, credentials.username, credentials.password);
  const server = await startRegistry({
    tokenAuth: {
      realm: tokens.realm,
      service: 'assay-test',
      issuer: 'assay-test-issuer',
      rootCertBundle: tokens.cert,
    },
  });
  try {
    const ref = `oci://${server.host}/team/model:3.1.0`;
    const pushed = await pushModel(ref, { folder: bundle(), files, config }, { credentials });
    assert.deepEqual(
      tokens.issued,
      ['repository:team/model:pull,push'],
      'one token, cached for the whole push',
    );
    const out = tempDir();
    made.push(out);
    assert.equal((await pullModel(ref, { folder: out }, { credentials })).digest, pushed.digest);
    assert.deepEqual(await listModelTags(`oci://${server.host}/team/model`, { credentials }), ['3.1.0']);
    await assert.rejects(
      pullModel(ref, { folder: out }, { credentials: { username: 'grace', password: 'nope' } }),
      /The token service http:\/\/127\.0\.0\.1:\d+ refused the credentials \(401\)/,
    );
  } finally {
    await server.stop();
    tokens.close();
  }
});

test('credentials are not sent to another origin when the registry redirects', async () => {
  const seen: (string | undefined)[] = [];
  const store = http.createServer((request, response) => {
    seen.push(request.headers.authorization);
    response.end('{"tags":["a"]}');
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  const storePort = (store.address() as AddressInfo).port;
  const registry = http.createServer((request, response) => {
    if (!request.headers.authorization) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    response.writeHead(307, { location: `http://127.0.0.1:${storePort}/elsewhere` }).end();
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  try {
    const port = (registry.address() as AddressInfo).port;
    const tags = await listModelTags(`oci://127.0.0.1:${port}/some/repo`, {
      credentials: { username: 'u', password: 'p' },
    });
    assert.deepEqual(tags, ['a']);
    assert.deepEqual(seen, [undefined]);
  } finally {
    store.close();
    registry.close();
  }
});
