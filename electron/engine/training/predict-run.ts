/**
 * Prediction with a run's saved model, as a job on a connection of its own: the input (a
 * dataset version, or a file read by the datasets reader into a temporary table — never
 * a permanent version unless asked) must have the model's input columns; they are loaded
 * as the kinds the model saw in training, predicted, and the predictions joined back to
 * the input rows in their order. Output: a CSV or Parquet file written under a temporary
 * name and renamed, and/or a new dataset version (in one transaction, like every version).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetVersion } from '../../../shared/datasets';
import { ApiError, messageOf } from '../../../shared/errors';
import type { RunDetail } from '../../../shared/training';
import { newId, versionTable, versionViewName } from '../datasets/dataset-store';
import { formatCount } from '../../../shared/format';
import { describeReadError } from '../datasets/import-errors';
import { stage } from '../datasets/import-staging';
import { firstLine, isInterrupt } from '../db/duckdb-errors';
import { assertLooksLikeText, detectFormat, resolveFiles } from '../datasets/source-files';
import { quoteIdentifier, sqlLiteral } from '../db/sql-text';
import { deriveVersion } from '../datasets/version-jobs';
import type { JobContext } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';
import { describeTable, loadTable } from './load-train-data';
import { predict, type Model } from './model';
import { loadModelFile } from './model-file';
import { predictInWorker } from './train-in-worker';
import type { Prediction } from './types';

export interface PredictRequest {
  runId: string;
  version?: string;
  path?: string;
  out?: string;
  saveAs?: string;
}

export interface PredictOutcome {
  rows: number;
  /** Absolute path of the file written. */
  out?: string;
  /** "name@N" of the dataset version saved. */
  dataset?: string;
  /** Names of the prediction columns added after the input's columns. */
  columns: string[];
  /** One sentence each: values read as missing (text in a numeric column, infinite numbers …). */
  warnings: string[];
}

type Input = { version: DatasetVersion } | { path: string };

const POSITION = '__assay_row';

export async function runPrediction(
  ctx: JobContext,
  workspace: Workspace,
  run: RunDetail,
  input: Input,
  request: PredictRequest,
): Promise<PredictOutcome> {
  const out = request.out ? outputTarget(request.out) : null;
  const connection = await workspace.connect();
  const interrupt = (): void => connection.interrupt();
  ctx.signal.addEventListener('abort', interrupt);
  const temporary: string[] = [];
  try {
    ctx.progress({ stage: 'Reading the input', fraction: 0.05 });
    const source = await inputTable(connection, input, ctx.signal, temporary);
    const { model, serialized } = loadModelFile(run.modelPath as string, shownPath(workspace, run));
    const inputs = model.pipeline.inputs;
    const available = new Set((await describeTable(connection, source)).map((c) => c.name));
    requireInputs(
      run,
      inputs.map((i) => i.name),
      available,
    );
    ctx.progress({ stage: 'Loading columns', fraction: 0.15 });
    const loaded = await loadTable(connection, source, {
      features: inputs.map((i) => i.name),
      kinds: Object.fromEntries(inputs.map((i) => [i.name, i.kind])),
      signal: ctx.signal,
    });
    ctx.throwIfCancelled();
    ctx.progress({ stage: `Predicting ${formatCount(loaded.rows)} rows`, fraction: 0.4 });
    const prediction = onWorker(model, loaded.rows)
      ? await predictInWorker(serialized, loaded.columns, { signal: ctx.signal })
      : await predict(model, loaded.columns);
    ctx.throwIfCancelled();
    ctx.progress({ stage: 'Writing the predictions', fraction: 0.7 });
    const names = predictionColumns(prediction, available);
    const predictions = `assay_predictions_${newId('')}`;
    temporary.push(predictions);
    await storePredictions(connection, predictions, prediction, names, loaded.rows);
    const select = `SELECT i.* EXCLUDE (${quoteIdentifier(POSITION)}), p.* EXCLUDE (${quoteIdentifier(POSITION)})
      FROM (SELECT row_number() OVER (ORDER BY rowid) - 1 AS ${quoteIdentifier(POSITION)}, * FROM ${source}) i
      JOIN temp.${quoteIdentifier(predictions)} p USING (${quoteIdentifier(POSITION)})
      ORDER BY i.${quoteIdentifier(POSITION)}`;
    const outcome: PredictOutcome = { rows: loaded.rows, columns: names.all, warnings: loaded.notes };
    if (out) {
      await writeFile(ctx, connection, select, out);
      outcome.out = out.file;
    }
    if (request.saveAs) {
      outcome.dataset = await saveAsVersion(ctx, connection, request.saveAs, select, {
        run,
        input,
        columns: names.all,
      });
    }
    ctx.finalStage(
      `Predicted ${formatCount(loaded.rows)} rows${outcome.out ? ` into ${path.basename(outcome.out)}` : ''}${outcome.dataset ? `${outcome.out ? ' and' : ''} as ${outcome.dataset}` : ''}${outcome.warnings.length ? `. ${outcome.warnings.join(' ')}` : ''}`,
    );
    return outcome;
  } catch (error) {
    if (ctx.signal.aborted || isInterrupt(error)) {
      const cancelled = new Error('Prediction was cancelled.');
      cancelled.name = 'AbortError';
      throw cancelled;
    }
    throw error;
  } finally {
    for (const t of temporary)
      await connection.run(`DROP TABLE IF EXISTS temp.${quoteIdentifier(t)}`).catch(() => undefined);
    ctx.signal.removeEventListener('abort', interrupt);
    workspace.release(connection);
  }
}

/** Refuses input that lacks a column the model was trained on. */
function requireInputs(run: RunDetail, inputs: string[], available: Set<string>): void {
  const missing = inputs.filter((n) => !available.has(n));
  if (missing.length === 0) return;
  throw new ApiError(
    'INVALID_INPUT',
    `The data to predict on has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}, which the model of run ${run.id} was trained on; add ${missing.length > 1 ? 'them' : 'it'} with the same name${missing.length > 1 ? 's' : ''} or predict on data shaped like ${run.versionLabel}.`,
  );
}

/** Writes under a temporary name and renames, so a reader never sees half a file. */
async function writeFile(
  ctx: JobContext,
  connection: DuckDBConnection,
  select: string,
  out: { file: string; format: 'csv' | 'parquet' },
): Promise<void> {
  const partial = `${out.file}.${process.pid}.partial`;
  const options = out.format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet, COMPRESSION zstd)';
  try {
    try {
      await connection.run(`COPY (${select}) TO ${sqlLiteral(partial)} ${options}`);
    } catch (error) {
      if (isInterrupt(error)) throw error;
      throw new ApiError('INVALID_INPUT', `Writing ${out.file} failed: ${firstLine(messageOf(error))}`);
    }
    ctx.throwIfCancelled();
    fs.renameSync(partial, out.file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** The input with its predictions as a new dataset version; returns its "name@N". */
async function saveAsVersion(
  ctx: JobContext,
  connection: DuckDBConnection,
  name: string,
  select: string,
  made: { run: RunDetail; input: Input; columns: string[] },
): Promise<string> {
  const { run, input } = made;
  const saved = await deriveVersion(
    ctx,
    { connect: async () => connection, release: () => undefined },
    name,
    async (c, table) => {
      await c.run(`CREATE TABLE ${table} AS ${select}`);
      const from =
        'version' in input
          ? quoteIdentifier(versionViewName(input.version.dataset, input.version.number))
          : sqlLiteral(input.path);
      return {
        lineage: {
          kind: 'sql',
          sql: `-- Predictions of run ${run.id} (${run.algorithm} on ${run.versionLabel} → ${run.target})\nSELECT *, ${made.columns.map(quoteIdentifier).join(', ')} FROM ${from}`,
          parents: 'version' in input ? [input.version.id] : [],
          durationMs: 0,
        },
      };
    },
  );
  return versionViewName(saved.dataset, saved.number);
}

/** The file to write and its format from the extension; the folder must exist. */
function outputTarget(target: string): { file: string; format: 'csv' | 'parquet' } {
  const file = path.resolve(target);
  const ext = path.extname(file).toLowerCase();
  const format = ext === '.csv' ? 'csv' : ext === '.parquet' ? 'parquet' : null;
  if (!format) {
    throw new ApiError(
      'INVALID_INPUT',
      `Predictions are written as CSV or Parquet, chosen by the extension; name the output file .csv or .parquet, not ${path.basename(file)}.`,
    );
  }
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ApiError(
      'INVALID_INPUT',
      `The folder ${dir} does not exist; create it or choose another place to save the predictions.`,
    );
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new ApiError('INVALID_INPUT', `${file} is a folder; give a file name to save the predictions to.`);
  }
  return { file, format };
}

/** The table expression to read: the version's table, or a file staged into a temporary table. */
async function inputTable(
  connection: DuckDBConnection,
  input: Input,
  signal: AbortSignal,
  temporary: string[],
): Promise<string> {
  if ('version' in input) return versionTable(input.version.id);
  const files = await resolveFiles(connection, [input.path]);
  const format = await detectFormat(files[0]!);
  for (const f of files) {
    if (format === 'csv' || format === 'json' || format === 'ndjson') await assertLooksLikeText(f, format);
  }
  const staged = await stage(connection, format, files, {}, signal, () => undefined);
  const table = `assay_predict_input_${newId('')}`;
  temporary.push(table);
  try {
    await connection.run(`CREATE TEMP TABLE ${quoteIdentifier(table)} AS SELECT * FROM ${staged.source}`);
  } catch (error) {
    if (isInterrupt(error)) throw error;
    throw describeReadError(
      error,
      files.map((f) => f.path),
      staged.header,
    );
  } finally {
    staged.cleanup();
  }
  return `temp.${quoteIdentifier(table)}`;
}

/** The model file as a person finds it: relative to the workspace folder when inside it. */
function shownPath(workspace: Workspace, run: RunDetail): string {
  const file = run.modelPath as string;
  const relative = path.relative(workspace.root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Work (rows × model size) above which prediction leaves the engine's thread for a worker. */
const WORKER_WORK = 20_000_000;

/** Large predictions, and every network (tfjs), run on a worker so the engine keeps answering. */
function onWorker(model: Model, rows: number): boolean {
  const est = model.estimator;
  if (est.kind === 'mlp') return rows > 10_000;
  const size =
    est.kind === 'trees'
      ? est.ensemble.trees.nTrees * 8
      : est.kind === 'linear'
        ? est.linear.coef.length
        : est.values.length;
  return rows * Math.max(1, size) > WORKER_WORK;
}

interface PredictionNames {
  prediction: string;
  proba: string[];
  all: string[];
}

/** `prediction` and `proba_<class>`, renamed with a trailing "_" where the input has the name. */
function predictionColumns(prediction: Prediction, taken: Set<string>): PredictionNames {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const unique = (name: string): string => {
    let n = name;
    while (used.has(n.toLowerCase())) n = `${n}_`;
    used.add(n.toLowerCase());
    return n;
  };
  const first = unique('prediction');
  const proba = prediction.task === 'regression' ? [] : prediction.classes.map((c) => unique(`proba_${c}`));
  return { prediction: first, proba, all: [first, ...proba] };
}

/** One row per input row: its position, the prediction (class label or value) and class probabilities. */
async function storePredictions(
  connection: DuckDBConnection,
  table: string,
  prediction: Prediction,
  names: PredictionNames,
  rows: number,
): Promise<void> {
  const classification = prediction.task !== 'regression';
  const columns = [
    `${quoteIdentifier(POSITION)} BIGINT`,
    `${quoteIdentifier(names.prediction)} ${classification ? 'VARCHAR' : 'DOUBLE'}`,
    ...names.proba.map((n) => `${quoteIdentifier(n)} DOUBLE`),
  ];
  await connection.run(`CREATE TEMP TABLE ${quoteIdentifier(table)} (${columns.join(', ')})`);
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    if (prediction.task === 'regression') {
      const v = prediction.values;
      for (let i = 0; i < rows; i++) {
        appender.appendBigInt(BigInt(i));
        if (Number.isFinite(v[i])) appender.appendDouble(v[i]!);
        else appender.appendNull();
        appender.endRow();
      }
    } else {
      const K = prediction.classes.length;
      const p = prediction.proba;
      for (let i = 0; i < rows; i++) {
        appender.appendBigInt(BigInt(i));
        let best = 0;
        for (let k = 1; k < K; k++) if (p[i * K + k]! > p[i * K + best]!) best = k;
        appender.appendVarchar(prediction.classes[best]!);
        for (let k = 0; k < K; k++) appender.appendDouble(p[i * K + k]!);
        appender.endRow();
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
