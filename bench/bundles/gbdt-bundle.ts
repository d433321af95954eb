/**
 * The serve-model benchmark's bundle: bench/train's generated binary task (28 numeric and 2
 * text columns), a 200-tree GBDT (31 leaves, as in bench/train) trained through the engine on
 * `trainRows` rows and exported as a real bundle, cached under bench/.data/. Also the scoring
 * rows, in the JSON columns form POST /predict takes and as ONNX Runtime feeds.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { runJob } from '../../shared/run-job';
import { Engine } from '../../electron/engine/index';
import { syntheticBinary } from '../../electron/testing/synthetic';

export interface ScoringRows {
  rows: number;
  /** Column name → values (numbers, or text), as `{"columns": …}` sends them. */
  columns: Record<string, Array<number | string>>;
}

function csvOf(n: number, seed: number): { text: string; scoring: ScoringRows } {
  const data = syntheticBinary({ rows: n, numeric: 28, informative: 8, redundant: 6, categorical: 2, seed });
  const columns: ScoringRows['columns'] = {};
  for (const c of data.columns) {
    if (c.kind === 'numeric') columns[c.name] = Array.from(c.values, (v) => Math.round(v * 1e6) / 1e6);
    else if (c.kind === 'categorical') columns[c.name] = Array.from(c.codes, (k) => c.dictionary[k]!);
  }
  const names = Object.keys(columns);
  const label = (data.target as { values: Float64Array }).values;
  const lines = [[...names, 'label'].join(',')];
  for (let i = 0; i < n; i++) lines.push([...names.map((k) => columns[k]![i]), label[i]].join(','));
  return { text: `${lines.join('\n')}\n`, scoring: { rows: n, columns } };
}

/** The bundle folder (trained and exported once, then cached). */
export async function gbdtBundle(dataDir: string, trainRows: number): Promise<string> {
  const root = path.join(dataDir, `serve-gbdt-${trainRows}`);
  const folder = path.join(root, 'bundle');
  if (existsSync(path.join(folder, 'manifest.json'))) return folder;
  mkdirSync(root, { recursive: true });
  const csv = path.join(root, 'train.csv');
  writeFileSync(csv, csvOf(trainRows, 2024).text);
  const engine = await Engine.create({ workspaceDir: path.join(root, 'workspace'), mode: 'browser' });
  try {
    const t0 = performance.now();
    const version = await runJob(engine.client, 'datasets.import', { paths: [csv] });
    const [run] = await runJob(engine.client, 'train.start', {
      version: version.id,
      target: 'label',
      algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 200, max_leaves: 31, learning_rate: 0.1 } }],
    });
    await runJob(engine.client, 'bundles.export', { runId: run!.id, name: 'bench-gbdt', out: folder });
    console.log(
      `bundle: trained and exported a 200-tree GBDT on ${trainRows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    await engine.close();
  }
  return folder;
}

/** `n` scoring rows from the same generator (another seed). */
export function scoringRows(n: number): ScoringRows {
  return csvOf(n, 99).scoring;
}

/** The same rows as ONNX Runtime feeds ([N, 1] each). */
export function ortFeeds(s: ScoringRows, from = 0, count = s.rows): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, values] of Object.entries(s.columns)) {
    const part = values.slice(from, from + count);
    feeds[name] =
      typeof part[0] === 'string'
        ? new ort.Tensor('string', part as string[], [count, 1])
        : new ort.Tensor('float64', Float64Array.from(part as number[]), [count, 1]);
  }
  return feeds;
}
