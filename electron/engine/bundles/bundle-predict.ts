/**
 * Prediction with a bundle folder alone (`assay predict BUNDLE_DIR FILE`): its manifest is
 * checked, its signature names the inputs, and DuckDB streams the file (CSV/TSV, Parquet,
 * JSON/NDJSON) in batches — each input column cast to the tensor type the graph takes
 * (double with NaN for missing, or text with "" for missing) — through one ONNX Runtime
 * session, writing the input rows plus `prediction` (and `proba_<class>`) as CSV as it goes.
 * Memory holds one batch, so a file of any size works. See docs/architecture.md.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { BundleSignature } from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import type { PredictResult } from '../../../shared/training';
import type { JobContext } from '../jobs/job-manager';
import { quoteIdentifier, sqlLiteral } from '../db/sql-text';
import { realPathOf, requireAbsolute, resolveWriteTarget } from '../workspace/caller-paths';
import type { Workspace } from '../workspace/workspace';
import { readManifest } from './bundle-manifest';
import { csvLine, outputColumns, predictionCells } from './predict-csv';

/** Rows per ONNX Runtime call: large enough to amortise the call, small enough to stream. */
export const PREDICT_BATCH_ROWS = 65_536;

function readerOf(file: string): string {
  const literal = sqlLiteral(file);
  if (/\.parquet$/i.test(file)) return `read_parquet(${literal})`;
  if (/\.(ndjson|jsonl)$/i.test(file)) return `read_json(${literal}, format='newline_delimited')`;
  if (/\.json$/i.test(file)) return `read_json(${literal}, format='auto')`;
  return `read_csv(${literal})`;
}

/** Echo of every source column as text, then each model input cast to its tensor type. */
function selectSql(source: string, names: readonly string[], signature: BundleSignature): string {
  const echo = names.map((n) => `CAST(${quoteIdentifier(n)} AS VARCHAR)`);
  const inputs = signature.inputs.map((i) =>
    i.onnxType === 'string'
      ? `COALESCE(CAST(${quoteIdentifier(i.name)} AS VARCHAR), '')`
      : `TRY_CAST(${quoteIdentifier(i.name)} AS DOUBLE)`,
  );
  return `SELECT ${[...echo, ...inputs].join(', ')} FROM ${source}`;
}

interface Batch {
  echo: string[][];
  inputs: Array<Array<number | string>>;
  rows: number;
}

function emptyBatch(names: number, inputs: number): Batch {
  return {
    echo: Array.from({ length: names }, () => []),
    inputs: Array.from({ length: inputs }, () => []),
    rows: 0,
  };
}

function feeds(signature: BundleSignature, batch: Batch): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  signature.inputs.forEach((input, c) => {
    const values = batch.inputs[c]!;
    out[input.name] =
      input.onnxType === 'string'
        ? new ort.Tensor('string', values as string[], [batch.rows, 1])
        : new ort.Tensor(
            'float64',
            Float64Array.from(values as Array<number | null>, (v) => v ?? NaN),
            [batch.rows, 1],
          );
  });
  return out;
}

function write(stream: WriteStream, text: string): Promise<void> {
  return stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', resolve));
}

async function flush(
  session: ort.InferenceSession,
  signature: BundleSignature,
  batch: Batch,
  out: WriteStream,
): Promise<void> {
  if (batch.rows === 0) return;
  const outputs = await session.run(feeds(signature, batch));
  const lines: string[] = [];
  for (let r = 0; r < batch.rows; r++)
    lines.push(
      csvLine([...batch.echo.map((column) => column[r] ?? null), ...predictionCells(signature, outputs, r)]),
    );
  await write(out, `${lines.join('\n')}\n`);
}

async function columnNames(workspace: Workspace, source: string): Promise<string[]> {
  const connection = await workspace.connect();
  try {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    return described.getRowObjectsJS().map((r) => String(r.column_name));
  } catch (error) {
    throw new ApiError(
      'INVALID_INPUT',
      `DuckDB cannot read the input file: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    workspace.release(connection);
  }
}

async function streamPredictions(
  ctx: JobContext,
  workspace: Workspace,
  job: { folder: string; source: string; names: string[]; signature: BundleSignature; out: WriteStream },
): Promise<number> {
  const { signature, names, out } = job;
  const session = await ort.InferenceSession.create(path.join(job.folder, 'model.onnx'));
  const connection = await workspace.connect();
  let total = 0;
  try {
    const result = await connection.stream(selectSql(job.source, names, signature));
    let batch = emptyBatch(names.length, signature.inputs.length);
    for await (const chunk of result) {
      const columns = chunk.getColumns();
      names.forEach((_n, c) => batch.echo[c]!.push(...(columns[c] as string[])));
      signature.inputs.forEach((_i, c) =>
        batch.inputs[c]!.push(...(columns[names.length + c] as Array<number | string>)),
      );
      batch.rows += chunk.rowCount;
      if (batch.rows >= PREDICT_BATCH_ROWS) {
        ctx.throwIfCancelled();
        await flush(session, signature, batch, out);
        total += batch.rows;
        ctx.progress({ stage: `Predicted ${total.toLocaleString('en-US')} rows`, fraction: null });
        batch = emptyBatch(names.length, signature.inputs.length);
      }
    }
    await flush(session, signature, batch, out);
    return total + batch.rows;
  } finally {
    workspace.release(connection);
    await session.release();
  }
}

export async function predictWithBundle(
  ctx: JobContext,
  workspace: Workspace,
  request: { bundle: string; path: string; out: string },
): Promise<PredictResult> {
  const folder = await realPathOf(requireAbsolute(request.bundle, 'The bundle folder'));
  const source = readerOf(await realPathOf(requireAbsolute(request.path, 'The input file')));
  const target = await resolveWriteTarget(request.out, 'The output file');
  await readManifest(folder);
  const signature = JSON.parse(
    await readFile(path.join(folder, 'signature.json'), 'utf8'),
  ) as BundleSignature;
  const names = await columnNames(workspace, source);
  const missing = signature.inputs.filter((i) => !names.includes(i.name)).map((i) => `"${i.name}"`);
  if (missing.length)
    throw new ApiError(
      'INVALID_INPUT',
      `The input has no column ${missing.join(', ')}, which the bundle needs.`,
    );
  const added = outputColumns(signature);
  const partial = `${target}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  try {
    await write(out, `${csvLine([...names, ...added])}\n`);
    const rows = await streamPredictions(ctx, workspace, { folder, source, names, signature, out });
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await rename(partial, target);
    ctx.finalStage(`Predicted ${rows} rows into ${path.basename(target)}`);
    return { rows, out: target, columns: added };
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
