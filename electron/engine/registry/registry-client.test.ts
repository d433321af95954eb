/** Push, pull, tags and interop with skopeo against a real CNCF Distribution process. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir as makeTempDir } from '../../testing/temp-engine';
import {
  type RegistryServer,
  blobDataPath,
  registryInstalled,
  startRegistry,
} from '../../testing/registry-server';
import { MODEL_ARTIFACT_TYPE, listModelTags, modelLayerMediaType, pullModel, pushModel } from './index';
import type { TransferProgress } from './push-artifact';

const MISSING = 'docker-registry is not installed';
let server: RegistryServer | undefined;
const made: string[] = [];
function tempDir(prefix?: string): string {
  const dir = makeTempDir(prefix);
  made.push(dir);
  return dir;
}

function makeBundle(): string {
  const dir = tempDir('assay-bundle-');
  fs.writeFileSync(
    path.join(dir, 'model.onnx'),
    Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251)),
  );
  fs.writeFileSync(path.join(dir, 'README.md'), '# A model\n');
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', 'signature.json'), '{"inputs":[]}');
  return dir;
}

const files = [
  { filepath: 'model.onnx', mediaType: modelLayerMediaType('weight') },
  { filepath: 'meta/signature.json', mediaType: modelLayerMediaType('weight.config') },
  { filepath: 'README.md', mediaType: modelLayerMediaType('doc') },
];
const config = { descriptor: { name: 'churn', version: '1.0.0' }, modelfs: { type: 'layers', diffIds: [] } };

function sameFiles(a: string, b: string): void {
  for (const { filepath } of files) {
    assert.deepEqual(
      fs.readFileSync(path.join(b, filepath)),
      fs.readFileSync(path.join(a, filepath)),
      filepath,
    );
  }
}

before(async () => {
  if (registryInstalled()) server = await startRegistry();
});
after(async () => {
  await server?.stop();
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

test('pushes a folder as a ModelPack artifact that skopeo reads, and pulls it back by tag and digest', async (t) => {
  if (!server) return t.skip(MISSING);
  const bundle = makeBundle();
  const progress: TransferProgress[] = [];
  const ref = `oci://${server.host}/models/churn:1.0.0`;
  const pushed = await pushModel(ref, {
    folder: bundle,
    files,
    config,
    chunkSize: 100_000,
    onProgress: (p) => progress.push(p),
  });
  assert.match(pushed.digest, /^sha256:[a-f0-9]{64}$/);
  assert.equal(pushed.uploaded.length, 4);
  const last = progress.at(-1);
  assert.equal(last?.bytesDone, last?.bytesTotal);
  assert.ok(
    progress.some((p) => p.bytesDone > 0 && p.bytesDone < p.bytesTotal),
    'progress in between',
  );

  const raw = execFileSync(
    'skopeo',
    ['inspect', '--raw', `docker://${server.host}/models/churn:1.0.0`, '--tls-verify=false'],
    {
      encoding: 'utf8',
    },
  );
  const manifest = JSON.parse(raw) as {
    artifactType: string;
    layers: { annotations: Record<string, string> }[];
  };
  assert.equal(manifest.artifactType, MODEL_ARTIFACT_TYPE);
  assert.deepEqual(
    manifest.layers.map((l) => l.annotations['org.cncf.model.filepath']),
    files.map((f) => f.filepath),
  );

  const again = await pushModel(`oci://${server.host}/models/churn:1.0.1`, {
    folder: bundle,
    files,
    config,
    extraTags: ['latest'],
  });
  assert.equal(again.uploaded.length, 0, 'every blob was skipped by HEAD');
  assert.equal(again.digest, pushed.digest);
  assert.deepEqual((await listModelTags(`oci://${server.host}/models/churn`)).sort(), [
    '1.0.0',
    '1.0.1',
    'latest',
  ]);

  const byTag = tempDir('assay-pull-');
  const pulled = await pullModel(ref, { folder: byTag });
  assert.equal(pulled.digest, pushed.digest);
  assert.deepEqual(pulled.config, config);
  sameFiles(bundle, byTag);
  const byDigest = tempDir('assay-pull-');
  await pullModel(`oci://${server.host}/models/churn@${pushed.digest}`, { folder: byDigest });
  sameFiles(bundle, byDigest);
});

test('skopeo copy to another repository pulls back identical', async (t) => {
  if (!server) return t.skip(MISSING);
  const bundle = makeBundle();
  const pushed = await pushModel(`oci://${server.host}/models/copy-src:2.0.0`, {
    folder: bundle,
    files,
    config,
  });
  execFileSync(
    'skopeo',
    [
      'copy',
      '--all',
      '--preserve-digests',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${server.host}/models/copy-src:2.0.0`,
      `docker://${server.host}/mirror/copy-dst:2.0.0`,
    ],
    { stdio: 'pipe' },
  );
  const out = tempDir('assay-pull-');
  const pulled = await pullModel(`oci://${server.host}/mirror/copy-dst:2.0.0`, { folder: out });
  assert.equal(pulled.digest, pushed.digest);
  sameFiles(bundle, out);
});

test('a blob altered in the registry storage is refused on pull, naming the file, and nothing is written', async (t) => {
  if (!server) return t.skip(MISSING);
  const bundle = makeBundle();
  fs.writeFileSync(path.join(bundle, 'README.md'), '# A model that will be tampered with\n');
  await pushModel(`oci://${server.host}/models/tamper:1.0.0`, {
    folder: bundle,
    files,
    config,
  });
  const raw = execFileSync(
    'skopeo',
    ['inspect', '--raw', `docker://${server.host}/models/tamper:1.0.0`, '--tls-verify=false'],
    { encoding: 'utf8' },
  );
  const readme = (JSON.parse(raw) as { layers: { digest: string }[] }).layers[2]?.digest;
  assert.ok(readme);
  const data = blobDataPath(server, readme);
  const bytes = fs.readFileSync(data);
  bytes[2] = bytes[2] === 0x41 ? 0x42 : 0x41;
  fs.writeFileSync(data, bytes);
  const out = tempDir('assay-pull-');
  await assert.rejects(
    pullModel(`oci://${server.host}/models/tamper:1.0.0`, { folder: out }),
    (error: Error) => {
      assert.match(
        error.message,
        /The blob for README\.md \(sha256:[a-f0-9]{64}\) hashes to sha256:.*refused/,
      );
      return true;
    },
  );
  assert.deepEqual(fs.readdirSync(out), []);
});

test('a missing tag is NOT_FOUND with a sentence', async (t) => {
  if (!server) return t.skip(MISSING);
  await assert.rejects(pullModel(`oci://${server.host}/models/nothing:9.9.9`, { folder: tempDir() }), {
    code: 'NOT_FOUND',
    message:
      /has no such thing while reading the manifest of oci:\/\/127\.0\.0\.1:\d+\/models\/nothing:9\.9\.9/,
  });
});
