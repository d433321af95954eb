/**
 * Failures in the middle of a push, against a real docker-registry behind a TCP proxy
 * written here that cuts connections once they have carried a number of bytes: one cut
 * is retried to success, endless cuts end in a clear error, and neither a failed nor a
 * cancelled push publishes the tag.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type RegistryServer, registryInstalled, startRegistry } from '../../testing/registry-server';
import { tempDir } from '../../testing/temp-engine';
import { modelLayerMediaType, pullModel, pushModel } from './index';

const MISSING = 'docker-registry is not installed';
const retry = { retries: 3, baseDelayMs: 20 };
let server: RegistryServer | undefined;
const made: string[] = [];

before(async () => {
  if (registryInstalled()) server = await startRegistry();
});
after(async () => {
  await server?.stop();
  made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

interface CuttingProxy {
  host: string;
  cuts: number;
  close(): void;
}

/** Forwards to the registry; a connection that has sent more than `limit` bytes is cut. */
async function cuttingProxy(target: number, limit: number, maxCuts: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const state = { cuts: 0 };
  const proxy = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > limit && state.cuts < maxCuts) {
        state.cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    get cuts() {
      return state.cuts;
    },
    close() {
      sockets.forEach((socket) => socket.destroy());
      proxy.close();
    },
  };
}

function bundle(): string {
  const dir = tempDir('assay-bundle-');
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'model.onnx'), randomBytes(400_000));
  fs.writeFileSync(path.join(dir, 'README.md'), '# card\n');
  return dir;
}
const files = [
  { filepath: 'model.onnx', mediaType: modelLayerMediaType('weight') },
  { filepath: 'README.md', mediaType: modelLayerMediaType('doc') },
];
const config = { descriptor: { name: 'faults' } };

async function assertNoTag(registry: RegistryServer, repoTag: string): Promise<void> {
  const out = tempDir();
  made.push(out);
  await assert.rejects(pullModel(`oci://${registry.host}/${repoTag}`, { folder: out }), {
    code: 'NOT_FOUND',
  });
}

test('a connection cut mid-upload is retried to success (monolithic and chunked)', async (t) => {
  if (!server) return t.skip(MISSING);
  for (const chunkSize of [32 * 1024 * 1024, 64 * 1024]) {
    const proxy = await cuttingProxy(server.port, 150_000, 1);
    try {
      const tag = `models/cut-once:${chunkSize}`;
      const folder = bundle();
      const pushed = await pushModel(
        `oci://${proxy.host}/${tag}`,
        { folder, files, config, chunkSize },
        { retry },
      );
      assert.equal(proxy.cuts, 1);
      const out = tempDir();
      made.push(out);
      const pulled = await pullModel(`oci://${server.host}/${tag}`, { folder: out });
      assert.equal(pulled.digest, pushed.digest);
      assert.deepEqual(
        fs.readFileSync(path.join(out, 'model.onnx')),
        fs.readFileSync(path.join(folder, 'model.onnx')),
      );
    } finally {
      proxy.close();
    }
  }
});

test('connections cut on every try end in a clear error, and no tag is published', async (t) => {
  if (!server) return t.skip(MISSING);
  const proxy = await cuttingProxy(server.port, 150_000, Infinity);
  try {
    await assert.rejects(
      pushModel(
        `oci://${proxy.host}/models/cut-always:1.0.0`,
        { folder: bundle(), files, config },
        { retry },
      ),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'INTERNAL');
        assert.match(
          error.message,
          /^The connection to the registry dropped while uploading model\.onnx \(.+\), and retrying did not help\.$/,
        );
        return true;
      },
    );
    assert.equal(proxy.cuts, retry.retries + 1);
    await assertNoTag(server, 'models/cut-always:1.0.0');
  } finally {
    proxy.close();
  }
});

test('a cancelled push stops with CANCELLED and publishes no tag', async (t) => {
  if (!server) return t.skip(MISSING);
  const controller = new AbortController();
  const push = pushModel(`oci://${server.host}/models/cancelled:1.0.0`, {
    folder: bundle(),
    files,
    config,
    chunkSize: 64 * 1024,
    signal: controller.signal,
    onProgress: (progress) => {
      if (progress.bytesDone > 100_000) controller.abort();
    },
  });
  await assert.rejects(push, { code: 'CANCELLED', message: 'The registry transfer was cancelled.' });
  await assertNoTag(server, 'models/cancelled:1.0.0');
});
