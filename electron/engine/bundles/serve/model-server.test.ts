/**
 * `assay serve-model`'s server on a real exported bundle over real HTTP: rows and columns
 * give the run's own predictions, metadata and health answer, every kind of bad request gets
 * its status and one sentence naming the row and column, concurrent requests each get their
 * own answer, an oversized body is refused — and after all of it the server still answers.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../../../shared/run-job';
import { writeSyntheticCsv } from '../../../testing/bundle-fixtures';
import { importFiles } from '../../../testing/dataset-fixtures';
import { tempDir } from '../../../testing/temp-engine';
import { Engine } from '../../engine';
import { startModelServer, type ModelServer } from './model-server';

let dir: string;
let engine: Engine;
let server: ModelServer;
let rows: Array<Record<string, number | string | boolean | null>>;
let expected: { label: string[]; proba: number[][]; classes: string[] };
let regression: { folder: string; predictions: number[] };

function readCsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

before(async () => {
  dir = tempDir('assay-serve-model-');
  const csv = path.join(dir, 'churn.csv');
  writeSyntheticCsv(csv);
  engine = await Engine.create({ workspaceDir: path.join(dir, 'ws'), mode: 'browser' });
  const version = await importFiles(engine, [csv]);
  const train = async (target: string, algorithm: 'gbdt' | 'linear_regression'): Promise<string> => {
    const runs = await runJob(engine.client, 'train.start', {
      version: version.id,
      target,
      algorithms: [{ algorithm, ...(algorithm === 'gbdt' && { params: { n_estimators: 20 } }) }],
    });
    return runs[0]!.id;
  };
  const runId = await train('churn', 'gbdt');
  const info = await runJob(engine.client, 'bundles.export', { runId, name: 'churn' });
  const out = path.join(dir, 'run.csv');
  await runJob(engine.client, 'runs.predict', { runId, path: csv, out });
  const [header, ...body] = readCsv(out);
  const at = header!.indexOf('prediction');
  expected = {
    label: body.map((r) => r[at]!),
    proba: body.map((r) => r.slice(at + 1).map(Number)),
    classes: header!.slice(at + 1).map((h) => h.replace(/^proba_/, '')),
  };
  rows = readCsv(csv)
    .slice(1)
    .map(([x0, x1, city, churn]) => ({
      x0: x0 === '' ? null : Number(x0),
      x1: Number(x1),
      city: city === '' ? null : city!,
      // DuckDB reads yes/no as BOOLEAN: the regression bundle takes it as an input.
      churn: churn === 'yes',
    }));
  const regRun = await train('x1', 'linear_regression');
  const regInfo = await runJob(engine.client, 'bundles.export', { runId: regRun, name: 'x1' });
  const regOut = path.join(dir, 'reg.csv');
  await runJob(engine.client, 'runs.predict', { runId: regRun, path: csv, out: regOut });
  const [regHeader, ...regBody] = readCsv(regOut);
  const regAt = regHeader!.indexOf('prediction');
  regression = { folder: regInfo.folder, predictions: regBody.map((r) => Number(r[regAt])) };
  server = await startModelServer({ bundle: info.folder, port: 0, maxBodyBytes: 64 * 1024 });
});

after(async () => {
  await server?.close();
  await engine?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  route: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(new URL(route, server.url), {
    method,
    ...(body !== undefined && { body, headers: { 'content-type': 'application/json', ...headers } }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const post = (body: unknown): Promise<Reply> => call('POST', '/predict', JSON.stringify(body));

function assertMatchesRun(reply: Reply, from: number, count: number): void {
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const label = reply.body.label as string[];
  const proba = reply.body.probabilities as number[][];
  assert.deepEqual(reply.body.classes, expected.classes);
  assert.equal(label.length, count);
  for (let i = 0; i < count; i++) {
    assert.equal(label[i], expected.label[from + i], `label of row ${from + i}`);
    proba[i]!.forEach((p, k) =>
      assert.ok(Math.abs(p - expected.proba[from + i]![k]!) <= 1e-5, `row ${from + i}`),
    );
  }
}

test('GET /health and /metadata describe the bundle', async () => {
  const health = await call('GET', '/health');
  assert.deepEqual(health.body, { status: 'ok', model: 'churn', version: '1.0.0' });
  const meta = await call('GET', '/metadata');
  assert.equal(meta.body.model, 'churn');
  assert.equal(meta.body.version, '1.0.0');
  assert.deepEqual(meta.body.onnx, { irVersion: 10, opset: 21, mlOpset: 5 });
  const info = await engine.call('bundles.get', { model: 'churn', version: '1.0.0' });
  const manifest = fs.readFileSync(path.join(info.folder, 'manifest.json'));
  assert.equal(meta.body.digest, `sha256:${createHash('sha256').update(manifest).digest('hex')}`);
  const signature = meta.body.signature as { inputs: Array<{ name: string }> };
  assert.deepEqual(
    signature.inputs.map((i) => i.name),
    ['x0', 'x1', 'city'],
  );
});

test('POST /predict with rows and with columns gives the run’s predictions', async () => {
  assertMatchesRun(await post({ rows }), 0, rows.length);
  const slice = rows.slice(10, 60);
  const columns = { x0: slice.map((r) => r.x0), x1: slice.map((r) => r.x1), city: slice.map((r) => r.city) };
  assertMatchesRun(await post({ columns }), 10, 50);
  // Extra columns (here the target) are ignored.
  assertMatchesRun(await post({ rows: [{ ...rows[3], extra: 'ignored' }] }), 3, 1);
});

test('a regression bundle answers {"prediction": [...]}', async () => {
  const regServer = await startModelServer({ bundle: regression.folder, port: 0 });
  try {
    const response = await fetch(new URL('/predict', regServer.url), {
      method: 'POST',
      body: JSON.stringify({ rows }),
    });
    const body = (await response.json()) as { prediction: number[] };
    assert.equal(response.status, 200);
    body.prediction.forEach((p, i) =>
      assert.ok(Math.abs(p - regression.predictions[i]!) <= 1e-5, `row ${i}`),
    );
  } finally {
    await regServer.close();
  }
});

test('an invalid row gets 400 with one sentence naming the row, the column and the problem', async () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ rows: [rows[0], { x0: 1, city: 'oslo' }] }, /^Row 1 has no column "x1"/],
    [
      { rows: [rows[0], rows[1], { ...rows[2], x1: 'big' }] },
      /^Row 2: column "x1" takes a number, not the text "big"\.$/,
    ],
    [{ rows: [{ ...rows[0], city: 7 }] }, /^Row 0: column "city" takes text, not a number\.$/],
    [{ rows: [{ ...rows[0], x0: [1] }] }, /^Row 0: column "x0" takes a number, not a list\.$/],
    [{ rows: [rows[0], null] }, /^Row 1 is null, not an object of column values\.$/],
    [{ rows: [{ ...rows[0], constructor: 1, x1: undefined }] }, /^Row 0 has no column "x1"/],
    [{ columns: { x0: [1, 2], x1: [1], city: ['a', 'b'] } }, /"x1" has 1 values but "x0" has 2/],
    [{ columns: { x0: [1], city: ['a'] } }, /^The column "x1" is missing from "columns"/],
    [{ rows: [] }, /no rows/],
    [{ rows, columns: {} }, /exactly one of "rows" and "columns"/],
    [[1, 2], /not a JSON object/],
  ];
  for (const [body, sentence] of cases) {
    const reply = await post(body);
    assert.equal(reply.status, 400, JSON.stringify(body).slice(0, 80));
    assert.match(String(reply.body.error), sentence);
  }
  const infinite = await call('POST', '/predict', '{"rows":[{"x0":1e999,"x1":1,"city":"oslo"}]}');
  assert.equal(infinite.status, 400);
  assert.match(String(infinite.body.error), /^Row 0: column "x0" is not a finite number/);
});

test('malformed JSON, unknown routes, wrong methods and form bodies get their status', async () => {
  const malformed = await call('POST', '/predict', '{"rows": [');
  assert.equal(malformed.status, 400);
  assert.match(String(malformed.body.error), /not valid JSON/);
  assert.equal((await call('GET', '/nothing')).status, 404);
  assert.equal((await call('GET', '/__proto__')).status, 404);
  const wrongMethod = await call('GET', '/predict');
  assert.equal(wrongMethod.status, 405);
  assert.equal((await call('POST', '/health', '{}')).status, 405);
  const form = await call('POST', '/predict', 'x0=1', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  assert.equal(form.status, 400);
  assert.match(String(form.body.error), /not valid JSON/);
});

function rawPost(body: Buffer, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL('/predict', server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }),
      },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    if (chunked) {
      for (let i = 0; i < body.length; i += 16 * 1024) request.write(body.subarray(i, i + 16 * 1024));
      request.end();
    } else request.end(body);
  });
}

test('a body over --max-body-bytes gets 413, declared or chunked, and the server goes on', async () => {
  const big = Buffer.from(JSON.stringify({ rows: Array.from({ length: 2000 }, () => rows[0]) }));
  assert.ok(big.length > 64 * 1024);
  assert.equal(await rawPost(big, false), 413);
  assert.equal(await rawPost(big, true).catch(() => 413), 413);
  assertMatchesRun(await post({ rows: rows.slice(0, 5) }), 0, 5);
});

test('concurrent requests each get their own rows’ predictions', async () => {
  const replies = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      post({ rows: rows.slice(i * 5, i * 5 + 5) }).then((r) => [i, r] as const),
    ),
  );
  for (const [i, reply] of replies) assertMatchesRun(reply, i * 5, 5);
});

test('garbage on the socket is answered 400 and the server still answers', async () => {
  const net = await import('node:net');
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  assert.match(answer, /^HTTP\/1\.1 400/);
  assert.equal((await call('GET', '/health')).status, 200);
});

test('predictions beyond --max-concurrent get 503, and a client that hangs up frees its place', async () => {
  const info = await engine.call('bundles.get', { model: 'churn', version: '1.0.0' });
  const busy = await startModelServer({ bundle: info.folder, port: 0, maxConcurrent: 1 });
  try {
    const url = new URL('/predict', busy.url);
    // A client that starts a body and stalls holds the one place.
    const stalled = http.request(url, { method: 'POST', headers: { 'content-length': '1000' } });
    stalled.on('error', () => undefined);
    stalled.write('{"rows": [');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await fetch(url, { method: 'POST', body: JSON.stringify({ rows: rows.slice(0, 1) }) });
    assert.equal(refused.status, 503);
    assert.match(((await refused.json()) as { error: string }).error, /its limit of 1 prediction at once/);
    stalled.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const served = await fetch(url, { method: 'POST', body: JSON.stringify({ rows: rows.slice(0, 1) }) });
    assert.equal(served.status, 200);
  } finally {
    await busy.close();
  }
});
