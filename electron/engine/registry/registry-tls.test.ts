/** HTTPS with a private CA: trusted through `caFile`, refused with a sentence without it. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { hasCommand, registryInstalled, startRegistry } from '../../testing/registry-server';
import { tempDir } from '../../testing/temp-engine';
import { listModelTags, modelLayerMediaType, pullModel, pushModel } from './index';

test('a registry with a self-signed certificate works with caFile and is refused without it', async (t) => {
  if (!registryInstalled()) return t.skip('docker-registry is not installed');
  if (!hasCommand('openssl')) return t.skip('openssl is not installed');
  const dir = tempDir();
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore', input: '' },
  );
  const server = await startRegistry({ tls: { certFile, keyFile } });
  try {
    fs.writeFileSync(path.join(dir, 'model.onnx'), 'weights');
    const files = [{ filepath: 'model.onnx', mediaType: modelLayerMediaType('weight') }];
    const ref = `oci://${server.host}/secure/model:1.0.0`;
    const options = { plainHttp: false, caFile: certFile };
    const pushed = await pushModel(ref, { folder: dir, files, config: {} }, options);
    const out = path.join(dir, 'out');
    assert.equal((await pullModel(ref, { folder: out }, options)).digest, pushed.digest);
    await assert.rejects(listModelTags(`oci://${server.host}/secure/model`, { plainHttp: false }), {
      code: 'BAD_REQUEST',
      message: /^The TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(.+\): give the CA bundle/,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
