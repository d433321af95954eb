/** Retries on 5xx against a small fake registry endpoint: transient errors are retried, lasting ones explained. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { listModelTags } from './index';

async function flaky(failures: number): Promise<{ host: string; calls: () => number; close: () => void }> {
  let calls = 0;
  const server = http.createServer((_request, response) => {
    calls++;
    if (calls <= failures)
      response.writeHead(503).end('{"errors":[{"code":"UNAVAILABLE","message":"busy"}]}');
    else response.end('{"name":"r","tags":["1.0.0"]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    close: () => server.close(),
  };
}

test('a 503 is retried with backoff until the registry answers', async () => {
  const registry = await flaky(2);
  try {
    const tags = await listModelTags(`oci://${registry.host}/r`, { retry: { retries: 3, baseDelayMs: 5 } });
    assert.deepEqual(tags, ['1.0.0']);
    assert.equal(registry.calls(), 3);
  } finally {
    registry.close();
  }
});

test('a registry that keeps failing gives a sentence with its status and error code', async () => {
  const registry = await flaky(Infinity);
  try {
    await assert.rejects(
      listModelTags(`oci://${registry.host}/r`, { retry: { retries: 2, baseDelayMs: 5 } }),
      {
        message:
          /^The registry 127\.0\.0\.1:\d+ answered 503 while listing the tags of .* \(UNAVAILABLE: busy\)\.$/,
      },
    );
    assert.equal(registry.calls(), 3);
  } finally {
    registry.close();
  }
});
