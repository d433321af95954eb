/**
 * The serve-model half of the bundles benchmark: single-row request latency (p50/p99) and
 * batch rows/s of a real `startModelServer` over HTTP (keep-alive, one client in this process),
 * each beside a bare ONNX Runtime `session.run` on the same rows with tensors built in advance
 * — the floor any server could reach. The request bodies are serialised before timing: their
 * cost is the client's.
 */
import http from 'node:http';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { startModelServer } from '../../electron/engine/index';
import { ortFeeds, type ScoringRows } from './gbdt-bundle';

export interface ServeFigures {
  single: { p50: number; p99: number; bareP50: number; bareP99: number };
  batch: { rows: number; rowsPerS: number; bareRowsPerS: number };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function post(agent: http.Agent, url: URL, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString())
            : reject(
                new Error(`HTTP ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`),
              ),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function columnsBody(s: ScoringRows, from: number, count: number): string {
  const columns: Record<string, unknown[]> = {};
  for (const [name, values] of Object.entries(s.columns)) columns[name] = values.slice(from, from + count);
  return JSON.stringify({ columns });
}

function rowBody(s: ScoringRows, r: number): string {
  const row: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(s.columns)) row[name] = values[r];
  return JSON.stringify({ rows: [row] });
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

export async function benchServe(
  folder: string,
  s: ScoringRows,
  o: { singles: number; batchRows: number; repeats: number },
): Promise<ServeFigures> {
  const server = await startModelServer({ bundle: folder, port: 0, maxBodyBytes: 2 ** 31 - 1 });
  const session = await ort.InferenceSession.create(path.join(folder, 'model.onnx'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/predict', server.url);
  try {
    const bodies = Array.from({ length: Math.min(s.rows, 1000) }, (_, r) => rowBody(s, r));
    const feeds = Array.from({ length: Math.min(s.rows, 1000) }, (_, r) => ortFeeds(s, r, 1));
    for (let i = 0; i < 200; i++) await post(agent, url, bodies[i % bodies.length]!); // warm up
    for (let i = 0; i < 200; i++) await session.run(feeds[i % feeds.length]!);
    const served = await timeEach(o.singles, (i) => post(agent, url, bodies[i % bodies.length]!));
    const bare = await timeEach(o.singles, (i) => session.run(feeds[i % feeds.length]!));
    const batchBody = columnsBody(s, 0, o.batchRows);
    const batchFeeds = ortFeeds(s, 0, o.batchRows);
    await post(agent, url, batchBody);
    await session.run(batchFeeds);
    const servedBatch = await timeEach(o.repeats, () => post(agent, url, batchBody));
    const bareBatch = await timeEach(o.repeats, () => session.run(batchFeeds));
    return {
      single: {
        p50: quantile(served, 0.5),
        p99: quantile(served, 0.99),
        bareP50: quantile(bare, 0.5),
        bareP99: quantile(bare, 0.99),
      },
      batch: {
        rows: o.batchRows,
        rowsPerS: o.batchRows / (quantile(servedBatch, 0.5) / 1000),
        bareRowsPerS: o.batchRows / (quantile(bareBatch, 0.5) / 1000),
      },
    };
  } finally {
    agent.destroy();
    await session.release();
    await server.close();
  }
}
