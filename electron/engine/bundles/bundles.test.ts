/**
 * Model bundles end to end through the contract: a run trained on a small synthetic table is
 * exported (files, manifest sha256s, tarball), ONNX Runtime on the bundle predicts what the
 * run predicts, versions are listed and diffed, and — against a real docker-registry — a push
 * that skopeo reads as a ModelPack artifact is pulled into a fresh workspace.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { runJob } from '../../../shared/run-job';
import { assertSamePredictions, writeSyntheticCsv } from '../../testing/bundle-fixtures';
import { importFiles } from '../../testing/dataset-fixtures';
import { type RegistryServer, registryInstalled, startRegistry } from '../../testing/registry-server';
import { tempDir } from '../../testing/temp-engine';
import { DuckDBInstance } from '@duckdb/node-api';
import { Engine } from '../engine';
import { PREDICT_BATCH_ROWS } from './bundle-predict';
import { ONNX_VERSIONS } from './onnx/export-onnx';

let dir: string;
let engine: Engine;
let server: RegistryServer | undefined;
let csv: string;
let runId: string;

before(async () => {
  dir = tempDir('assay-bundles-');
  csv = path.join(dir, 'churn.csv');
  writeSyntheticCsv(csv);
  engine = await Engine.create({ workspaceDir: path.join(dir, 'ws'), mode: 'browser' });
  const version = await importFiles(engine, [csv]);
  const runs = await runJob(engine.client, 'train.start', {
    version: version.id,
    target: 'churn',
    algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 20 } }],
  });
  runId = runs[0]!.id;
  if (registryInstalled()) server = await startRegistry();
});

after(async () => {
  await server?.stop();
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('exports a run as a bundle whose manifest, tarball and ONNX predictions are right', async () => {
  const info = await runJob(engine.client, 'bundles.export', { runId });
  assert.equal(info.model, 'churn-churn');
  assert.equal(info.version, '1.0.0');
  const names = info.files.map((f) => f.path).sort();
  for (const f of [
    'README.md',
    'lineage.json',
    'metrics.json',
    'model.json',
    'model.onnx',
    'params.json',
    'profile.json',
    'signature.json',
  ])
    assert.ok(names.includes(f), f);
  for (const f of info.files) {
    const bytes = fs.readFileSync(path.join(info.folder, f.path));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, f.path);
    assert.equal(bytes.length, f.bytes);
  }
  const tar = gunzipSync(fs.readFileSync(info.tarball));
  assert.match(tar.subarray(0, 100).toString('utf8'), /^churn-churn-1\.0\.0\//);
  assert.equal(tar.subarray(257, 262).toString('utf8'), 'ustar');
  const lineage = JSON.parse(fs.readFileSync(path.join(info.folder, 'lineage.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  assert.equal(lineage.run, runId);
  assert.match(String(lineage.fingerprint), /^sha256:[a-f0-9]{64}$/);
  const card = fs.readFileSync(path.join(info.folder, 'README.md'), 'utf8');
  for (const words of ['## Intended use', '### Python', '### Node', '### Java', '### C#'])
    assert.ok(card.includes(words));

  const fromRun = path.join(dir, 'run-predictions.csv');
  const fromBundle = path.join(dir, 'bundle-predictions.csv');
  await runJob(engine.client, 'runs.predict', { runId, path: csv, out: fromRun });
  const predicted = await runJob(engine.client, 'bundles.predict', {
    bundle: info.folder,
    path: csv,
    out: fromBundle,
  });
  assert.equal(predicted.rows, 300);
  assertSamePredictions(fromRun, fromBundle);
});

test('predicts a Parquet file of several batches and an NDJSON file, streaming', async () => {
  const [model] = await engine.call('bundles.list', {});
  const detail = await engine.call('bundles.get', { model: model!.name, version: '1.0.0' });
  const big = path.join(dir, 'big.parquet');
  const ndjson = path.join(dir, 'rows.ndjson');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // 300 rows × 500 copies = 150,000 rows: three batches of PREDICT_BATCH_ROWS.
  await connection.run(
    `COPY (SELECT c.* EXCLUDE (i) FROM (SELECT *, row_number() OVER () AS i FROM read_csv('${csv}')) c, range(500) r ORDER BY r.range, c.i) TO '${big}' (FORMAT parquet)`,
  );
  await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${ndjson}' (FORMAT json)`);
  connection.closeSync();
  instance.closeSync();
  const fromCsv = path.join(dir, 'small-predictions.csv');
  const fromBig = path.join(dir, 'big-predictions.csv');
  const fromJson = path.join(dir, 'json-predictions.csv');
  await runJob(engine.client, 'bundles.predict', { bundle: detail.folder, path: csv, out: fromCsv });
  const result = await runJob(engine.client, 'bundles.predict', {
    bundle: detail.folder,
    path: big,
    out: fromBig,
  });
  assert.equal(result.rows, 150_000);
  assert.ok(result.rows > 2 * PREDICT_BATCH_ROWS);
  const small = fs.readFileSync(fromCsv, 'utf8').trim().split('\n');
  const lines = fs.readFileSync(fromBig, 'utf8').trim().split('\n');
  assert.equal(lines.length, 150_001);
  const tail = (line: string): string => line.split(',').slice(-3).join(',');
  // Every copy of the 300 rows, in every batch, gets the same predictions as the small file.
  for (const at of [1, 299, 65_536, 65_537, 131_072, 149_999])
    assert.equal(tail(lines[at]!), tail(small[((at - 1) % 300) + 1]!), `row ${at}`);
  await runJob(engine.client, 'bundles.predict', { bundle: detail.folder, path: ndjson, out: fromJson });
  const json = fs.readFileSync(fromJson, 'utf8').trim().split('\n');
  assert.deepEqual(json.slice(1).map(tail), small.slice(1).map(tail));
});

test('lists versions, suggests the next and diffs two', async () => {
  const second = await runJob(engine.client, 'bundles.export', { runId, name: 'churn-churn' });
  assert.equal(second.version, '1.0.1');
  const models = await engine.call('bundles.list', {});
  const model = models.find((m) => m.name === 'churn-churn');
  assert.deepEqual(
    model?.versions.map((v) => v.version),
    ['1.0.1', '1.0.0'],
  );
  assert.equal(model?.nextVersion, '1.0.2');
  const diff = await engine.call('bundles.diff', { model: 'churn-churn', from: '1.0.0', to: '1.0.1' });
  assert.ok(diff.metrics.every((m) => m.delta === 0));
  assert.deepEqual(diff.params, []);
  const detail = await engine.call('bundles.get', { model: 'churn-churn', version: '1.0.0' });
  assert.ok(detail.card.startsWith('# churn-churn 1.0.0'));
  await assert.rejects(
    runJob(engine.client, 'bundles.export', { runId, version: '1.0.0', name: 'churn-churn' }),
    /already has version 1\.0\.0/,
  );
});

interface RawManifest {
  artifactType?: string;
  config: { mediaType: string };
  annotations?: Record<string, string>;
  layers: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>;
}

/** The manifest and config against the ModelPack spec (docs/spec.md, config.md, annotations.md). */
function assertModelPack(raw: RawManifest, host: string): void {
  assert.equal(raw.config.mediaType, 'application/vnd.cncf.model.config.v1+json');
  const kinds = /^application\/vnd\.cncf\.model\.(weight|weight\.config|doc|code|dataset)\.v1\.raw$/;
  for (const layer of raw.layers) {
    assert.match(layer.mediaType, kinds);
    const filepath = layer.annotations?.['org.cncf.model.filepath'];
    assert.ok(filepath && !filepath.startsWith('/'), 'every layer names its file');
    const meta = JSON.parse(layer.annotations?.['org.cncf.model.file.metadata+json'] ?? '{}') as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(meta).sort(), ['gid', 'mode', 'mtime', 'name', 'size', 'typeflag', 'uid']);
    assert.equal(meta.name, filepath);
  }
  const config = JSON.parse(
    execFileSync(
      'skopeo',
      ['inspect', '--config', '--raw', '--tls-verify=false', `docker://${host}/models/churn:1.0.0`],
      { encoding: 'utf8' },
    ),
  ) as { descriptor: object; config: object; modelfs: { type: string; diffIds: string[] } };
  // The spec's schema allows no other fields at any of these levels.
  assert.deepEqual(Object.keys(config).sort(), ['config', 'descriptor', 'modelfs']);
  const descriptorKeys = ['createdAt', 'description', 'family', 'name', 'title', 'vendor', 'version'];
  assert.ok(Object.keys(config.descriptor).every((k) => descriptorKeys.includes(k)));
  const configKeys = ['architecture', 'format', 'paramSize', 'precision', 'quantization', 'capabilities'];
  assert.ok(Object.keys(config.config).every((k) => configKeys.includes(k)));
  assert.equal(config.modelfs.type, 'layers');
  assert.deepEqual(
    config.modelfs.diffIds,
    raw.layers.map((l) => l.digest),
  );
  assert.equal(raw.annotations?.['dev.assay.onnx.opset'], String(ONNX_VERSIONS.opset));
  assert.equal(raw.annotations?.['dev.assay.onnx.ml-opset'], String(ONNX_VERSIONS.mlOpset));
}

test('pushes to a real registry as ModelPack and pulls into a fresh workspace', async (t) => {
  if (!server) return t.skip('docker-registry is not installed');
  const reference = `oci://${server.host}/models/churn:1.0.0`;
  const pushed = await runJob(engine.client, 'registry.push', {
    model: 'churn-churn',
    version: '1.0.0',
    reference,
  });
  const raw = JSON.parse(
    execFileSync(
      'skopeo',
      ['inspect', '--raw', '--tls-verify=false', `docker://${server.host}/models/churn:1.0.0`],
      { encoding: 'utf8' },
    ),
  ) as RawManifest;
  assert.equal(raw.artifactType, 'application/vnd.cncf.model.manifest.v1+json');
  assert.ok(raw.layers.some((l) => l.mediaType === 'application/vnd.cncf.model.weight.v1.raw'));
  assertModelPack(raw, server.host);
  const listed = await engine.call('bundles.list', {});
  assert.deepEqual(listed[0]?.versions.find((v) => v.version === '1.0.0')?.pushedRefs, [reference]);
  const tags = await engine.call('registry.tags', { reference: `oci://${server.host}/models/churn` });
  assert.deepEqual(tags.tags, ['1.0.0']);

  const other = await Engine.create({ workspaceDir: path.join(dir, 'ws2'), mode: 'browser' });
  try {
    const pulled = await runJob(other.client, 'registry.pull', { reference });
    assert.equal(pulled.digest, pushed.digest);
    const models = await other.call('bundles.list', {});
    assert.equal(models[0]?.versions[0]?.pulled, true);
    assert.equal(models[0]?.versions[0]?.digest, pushed.digest);
  } finally {
    await other.close();
  }
});

test('refuses a bundle whose file was altered after export, naming the file', async () => {
  const [model] = await engine.call('bundles.list', {});
  const detail = await engine.call('bundles.get', { model: model!.name, version: '1.0.1' });
  const copy = path.join(dir, 'tampered');
  fs.cpSync(detail.folder, copy, { recursive: true });
  fs.appendFileSync(path.join(copy, 'model.onnx'), Buffer.from([0]));
  await assert.rejects(
    runJob(engine.client, 'bundles.predict', { bundle: copy, path: csv, out: path.join(dir, 'never.csv') }),
    /model\.onnx does not match its sha256/,
  );
  assert.equal(fs.existsSync(path.join(dir, 'never.csv')), false);
});
