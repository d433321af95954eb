/**
 * The rows the binned statistics, the redundancy check and the quick boosting fit read:
 * every row with a target up to SAMPLE_ROWS, otherwise a seeded sample of about that many.
 * On big tables the sample is drawn in two steps: DuckDB's system sampling keeps about
 * BLOCKS whole 2,048-row vectors spread over the table (it skips the rest without reading
 * them), then a Bernoulli draw thins them to SAMPLE_ROWS — a fifth of the time of a
 * Bernoulli draw over every row, and still about a hundred places in the table. Columns
 * arrive as typed arrays read straight from DuckDB's chunks (numbers as Float64Array with
 * NaN for missing, categories as Int32Array codes with −1), so a million-row table never
 * becomes one object per row (docs/architecture.md, "Inside the features capability").
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { breather, readCategories, readNumbers, type CategoricalSample } from '../../profile/sample';
import { runQuery } from '../../profile/sql';
import type { RankColumn } from './rank-columns';
import { classKeySql, type RankTarget } from './rank-target';

/** Rows the sampled statistics use, about. */
export const SAMPLE_ROWS = 30_000;
/** Vectors the system sample keeps before thinning: enough places to see an ordered table's drift. */
const BLOCKS = 100;
const VECTOR_ROWS = 2048;
const SEED = 42;

/** The FROM clause's sampling: none, Bernoulli, or system blocks then Bernoulli. */
function samplingSql(table: string, rows: number): string {
  if (rows <= SAMPLE_ROWS) return table;
  const blockRows = BLOCKS * VECTOR_ROWS;
  if (rows <= 2 * blockRows) {
    return `${table} TABLESAMPLE ${((100 * SAMPLE_ROWS) / rows).toPrecision(6)}% (bernoulli, ${SEED})`;
  }
  const blocks = `(SELECT * FROM ${table} TABLESAMPLE ${((100 * blockRows) / rows).toPrecision(6)}% (system, ${SEED}))`;
  return `${blocks} TABLESAMPLE ${((100 * SAMPLE_ROWS) / blockRows).toPrecision(6)}% (bernoulli, ${SEED})`;
}

export interface RankSample {
  rows: number;
  /** Class index per row (classification) or the target's value (regression). */
  y: Float64Array;
  /** Per feature, in the plan's order. */
  columns: (Float64Array | CategoricalSample)[];
}

export async function fetchRankSample(
  conn: DuckDBConnection,
  table: string,
  target: RankTarget,
  features: readonly RankColumn[],
  signal?: AbortSignal,
): Promise<RankSample> {
  const targetSql = target.task === 'classification' ? classKeySql(target.column) : target.column.sql;
  const select = [targetSql, ...features.map((f) => f.sql)].join(', ');
  const result = await runQuery(
    conn,
    `SELECT ${select} FROM ${samplingSql(table, target.rows)} WHERE ${target.column.sql} IS NOT NULL`,
    signal,
  );
  const chunks: DuckDBDataChunk[] = [];
  let rows = 0;
  for (let i = 0; i < result.chunkCount; i++) {
    const chunk = result.getChunk(i);
    chunks.push(chunk);
    rows += chunk.rowCount;
  }
  const breathe = breather(signal);
  const y =
    target.task === 'classification'
      ? classIndices(chunks, rows, new Map(target.classes.map((c, k) => [c, k])))
      : readNumbers(chunks, rows, 0);
  const columns: RankSample['columns'] = [];
  for (const [j, feature] of features.entries()) {
    await breathe();
    columns.push(
      feature.kind === 'numeric' ? readNumbers(chunks, rows, j + 1) : readCategories(chunks, rows, j + 1),
    );
  }
  return { rows, y, columns };
}

function classIndices(chunks: DuckDBDataChunk[], rows: number, classes: Map<string, number>): Float64Array {
  const out = new Float64Array(rows);
  let offset = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(0);
    for (let k = 0; k < chunk.rowCount; k++) out[offset + k] = classes.get(String(vector.getItem(k))) ?? 0;
    offset += chunk.rowCount;
  }
  return out;
}
