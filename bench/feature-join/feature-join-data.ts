/**
 * Generated data for the point-in-time join benchmark, written by DuckDB: a label table
 * (id, user, ts, label) and two feature tables keyed by user and time, one row in ten per
 * user over a year, as Parquet for the engine and as CSV (times in epoch seconds) for
 * pandas. Hash-based, so the same size always gives the same rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface JoinData {
  labels: string;
  sets: [string, string];
  csv: { labels: string; sets: [string, string] };
}

const YEAR_S = 365 * 86_400;

function tableSql(kind: 'labels' | 'a' | 'b', rows: number): string {
  const users = Math.max(1, Math.floor(rows / 10));
  const seed = { labels: 1, a: 11, b: 21 }[kind];
  const user = `(hash(i, ${seed}) % ${users})::BIGINT AS "user"`;
  const ts = `TIMESTAMP '2024-01-01' + to_seconds((hash(i, ${seed + 1}) % ${YEAR_S})::BIGINT) AS ts`;
  const values =
    kind === 'labels'
      ? `(hash(i, ${seed + 2}) % 2)::INTEGER AS label`
      : `(hash(i, ${seed + 2}) % 10000) / 100.0 AS ${kind}_score, (hash(i, ${seed + 3}) % 50)::BIGINT AS ${kind}_count`;
  const id = kind === 'labels' ? 'i AS id, ' : '';
  return `SELECT ${id}${user}, ${ts}, ${values} FROM range(${rows}) t(i)`;
}

/** Writes the files once under `dir` (bench/.data/) and answers their paths. */
export async function joinData(dir: string, rows: number): Promise<JoinData> {
  const file = (kind: string, ext: string) => path.join(dir, `feature-join-${kind}-${rows}.${ext}`);
  const data: JoinData = {
    labels: file('labels', 'parquet'),
    sets: [file('a', 'parquet'), file('b', 'parquet')],
    csv: { labels: file('labels', 'csv'), sets: [file('a', 'csv'), file('b', 'csv')] },
  };
  if ([data.labels, ...data.sets, data.csv.labels, ...data.csv.sets].every((f) => fs.existsSync(f)))
    return data;
  fs.mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const kind of ['labels', 'a', 'b'] as const) {
    const parquet = kind === 'labels' ? data.labels : data.sets[kind === 'a' ? 0 : 1];
    const csv = kind === 'labels' ? data.csv.labels : data.csv.sets[kind === 'a' ? 0 : 1];
    await connection.run(`COPY (${tableSql(kind, rows)}) TO '${parquet}.tmp' (FORMAT parquet)`);
    await connection.run(
      `COPY (SELECT * REPLACE (epoch(ts)::BIGINT AS ts) FROM read_parquet('${parquet}.tmp')) TO '${csv}.tmp' (FORMAT csv, HEADER true)`,
    );
    fs.renameSync(`${parquet}.tmp`, parquet);
    fs.renameSync(`${csv}.tmp`, csv);
  }
  connection.closeSync();
  instance.closeSync();
  return data;
}
