/**
 * The bundle commands as a user runs them: `assay export`, `assay push` to a real
 * docker-registry, `assay tags`, `assay pull` into a fresh workspace, `assay models`, and
 * `assay predict BUNDLE` reproducing `assay predict RUN`, and `assay serve-model` answering over
 * HTTP until SIGTERM. Skips visibly without docker-registry.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../../../shared/run-job';
import { Engine } from '../../../engine/index';
import { assertSamePredictions, writeSyntheticCsv } from '../../../testing/bundle-fixtures';
import { type RegistryServer, registryInstalled, startRegistry } from '../../../testing/registry-server';
import { CLI_ENTRY, runAssay } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

let dir: string;
let csv: string;
let runId: string;
let server: RegistryServer | undefined;

function assay(workspace: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const outcome = runAssay(['-w', path.join(dir, workspace), '--json', ...args], { env, timeoutMs: 120_000 });
  assert.equal(outcome.code, 0, outcome.stderr);
  return outcome.stdout;
}

before(async () => {
  dir = tempDir('assay-bundles-cli-');
  csv = path.join(dir, 'churn.csv');
  writeSyntheticCsv(csv);
  const engine = await Engine.create({ workspaceDir: path.join(dir, 'a'), mode: 'browser' });
  try {
    const version = await runJob(engine.client, 'datasets.import', { paths: [csv] });
    const runs = await runJob(engine.client, 'train.start', {
      version: version.id,
      target: 'churn',
      algorithms: [{ algorithm: 'logistic_regression' }],
    });
    runId = runs[0]!.id;
  } finally {
    await engine.close();
  }
  if (registryInstalled()) server = await startRegistry();
});

after(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('assay export writes the bundle and its tarball into --out', () => {
  const out = path.join(dir, 'exported');
  const info = JSON.parse(
    assay('a', ['export', runId, '--out', out, '--name', 'churn', '--version', '2.0.0']),
  ) as {
    version: string;
  };
  assert.equal(info.version, '2.0.0');
  for (const f of ['model.onnx', 'model.json', 'manifest.json', 'README.md', 'churn-2.0.0.tar.gz'])
    assert.ok(fs.existsSync(path.join(out, f)), f);
});

test('assay push, tags, pull and predict BUNDLE reproduce the run', async (t) => {
  if (!server) return t.skip('docker-registry is not installed');
  const reference = `oci://${server.host}/models/churn:1.0.0`;
  const secret = 'not-a-real-password-41';
  const pushedText = assay('a', ['push', runId, reference], {
    ASSAY_REGISTRY_USERNAME: 'someone',
    ASSAY_REGISTRY_PASSWORD: secret,
  });
  assert.ok(!pushedText.includes(secret));
  const pushed = JSON.parse(pushedText) as { digest: string };
  const raw = execFileSync(
    'skopeo',
    ['inspect', '--raw', '--tls-verify=false', `docker://${server.host}/models/churn:1.0.0`],
    { encoding: 'utf8' },
  );
  assert.equal(
    (JSON.parse(raw) as { artifactType: string }).artifactType,
    'application/vnd.cncf.model.manifest.v1+json',
  );
  assert.deepEqual(
    (JSON.parse(assay('a', ['tags', `oci://${server.host}/models/churn`])) as { tags: string[] }).tags,
    ['1.0.0'],
  );

  const bundle = path.join(dir, 'pulled');
  const pulled = JSON.parse(
    assay('b', ['pull', `oci://${server.host}/models/churn@${pushed.digest}`, '--out', bundle]),
  ) as {
    digest: string;
  };
  assert.equal(pulled.digest, pushed.digest);
  const models = JSON.parse(assay('b', ['models'])) as Array<{ versions: Array<{ pulled: boolean }> }>;
  assert.equal(models[0]?.versions[0]?.pulled, true);

  const fromRun = path.join(dir, 'run.csv');
  const fromBundle = path.join(dir, 'bundle.csv');
  assay('a', ['predict', runId, csv, '--out', fromRun]);
  assay('b', ['predict', bundle, csv, '--out', fromBundle]);
  assertSamePredictions(fromRun, fromBundle);
});

test('assay serve-model serves the exported bundle until SIGTERM; --port is required', async () => {
  const bundle = path.join(dir, 'exported');
  assert.ok(fs.existsSync(path.join(bundle, 'manifest.json')), 'the export test ran first');
  const usage = runAssay(['serve-model', bundle]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--port/);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI_ENTRY, '--json', 'serve-model', bundle, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const started = await new Promise<{ url: string; model: string; version: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.trim().endsWith('}'))
          resolve(JSON.parse(out) as { url: string; model: string; version: string });
      });
      child.once('exit', () => reject(new Error(`serve-model exited: ${out}`)));
    });
    assert.equal(started.model, 'churn');
    assert.equal(started.version, '2.0.0');
    const health = await fetch(new URL('/health', started.url));
    assert.equal(health.status, 200);
    const predicted = await fetch(new URL('/predict', started.url), {
      method: 'POST',
      body: JSON.stringify({ rows: [{ x0: 1.5, x1: 2, city: 'oslo' }] }),
    });
    const body = (await predicted.json()) as { label: string[]; probabilities: number[][] };
    assert.equal(predicted.status, 200);
    assert.equal(body.label.length, 1);
    assert.ok(Math.abs(body.probabilities[0]!.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
