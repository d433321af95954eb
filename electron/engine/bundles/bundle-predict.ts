/**
 * Prediction with a bundle folder alone: its manifest is checked, its signature names the
 * inputs, a CSV or Parquet file is read by DuckDB, every input column is fed to the bundle's
 * model.onnx through ONNX Runtime as its [N, 1] tensor (NaN and "" for missing), and the input
 * rows plus `prediction` (and `proba_<class>`) are written as CSV — the columns `assay predict
 * RUN` writes. The whole file is held in memory; large files belong to `runs.predict`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { BundleSignature } from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import type { PredictResult } from '../../../shared/training';
import type { JobContext } from '../jobs/job-manager';
import { sqlLiteral } from '../db/sql-text';
import { realPathOf, requireAbsolute, resolveWriteTarget } from '../workspace/caller-paths';
import type { Workspace } from '../workspace/workspace';
import { readManifest } from './bundle-manifest';

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function feeds(
  signature: BundleSignature,
  columns: Map<string, unknown[]>,
  rows: number,
): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const input of signature.inputs) {
    const values = columns.get(input.name);
    if (!values)
      throw new ApiError('INVALID_INPUT', `The input has no column "${input.name}", which the bundle needs.`);
    if (input.onnxType === 'string') {
      out[input.name] = new ort.Tensor(
        'string',
        values.map((v) => (v === null || v === undefined ? '' : String(v))),
        [rows, 1],
      );
    } else {
      const numbers = Float64Array.from(values, (v) =>
        v === null || v === undefined ? NaN : typeof v === 'boolean' ? Number(v) : Number(v),
      );
      out[input.name] = new ort.Tensor('float64', numbers, [rows, 1]);
    }
  }
  return out;
}

export async function predictWithBundle(
  ctx: JobContext,
  workspace: Workspace,
  request: { bundle: string; path: string; out: string },
): Promise<PredictResult> {
  const folder = await realPathOf(requireAbsolute(request.bundle, 'The bundle folder'));
  const source = await realPathOf(requireAbsolute(request.path, 'The input file'));
  const out = await resolveWriteTarget(request.out, 'The output file');
  await readManifest(folder);
  const signature = JSON.parse(
    await readFile(path.join(folder, 'signature.json'), 'utf8'),
  ) as BundleSignature;
  ctx.progress({ stage: 'Reading the input', fraction: 0.1 });
  const reader = /\.parquet$/i.test(source) ? 'read_parquet' : 'read_csv';
  const connection = await workspace.connect();
  let names: string[];
  let data: unknown[][];
  try {
    const result = await connection.runAndReadAll(`SELECT * FROM ${reader}(${sqlLiteral(source)})`);
    names = result.columnNames();
    data = result.getColumnsJS() as unknown[][];
  } finally {
    workspace.release(connection);
  }
  const rows = data[0]?.length ?? 0;
  const columns = new Map(names.map((n, i) => [n, data[i] ?? []]));
  ctx.progress({ stage: 'Predicting', fraction: 0.4 });
  const session = await ort.InferenceSession.create(path.join(folder, 'model.onnx'));
  const outputs = await session.run(feeds(signature, columns, rows));
  await session.release();
  const classes = signature.classes ?? [];
  const added =
    signature.task === 'regression' ? ['prediction'] : ['prediction', ...classes.map((c) => `proba_${c}`)];
  const lines = [[...names, ...added].map(csvCell).join(',')];
  const label = outputs.label?.data as string[] | undefined;
  const values = (
    signature.task === 'regression' ? outputs.prediction?.data : outputs.probabilities?.data
  ) as Float64Array | undefined;
  for (let r = 0; r < rows; r++) {
    const extra =
      signature.task === 'regression'
        ? [values?.[r]]
        : [label?.[r], ...classes.map((_c, k) => values?.[r * classes.length + k])];
    lines.push([...names.map((n) => columns.get(n)?.[r]), ...extra].map(csvCell).join(','));
  }
  await writeFile(out, `${lines.join('\n')}\n`);
  ctx.finalStage(`Predicted ${rows} rows into ${path.basename(out)}`);
  return { rows, out, columns: added };
}
