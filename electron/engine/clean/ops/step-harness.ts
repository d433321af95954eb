/**
 * Test harness for single cleaning steps (used by the ops tests only): runs one step on a
 * table `t` of an in-memory DuckDB the way the recipe engine chains it (`WITH s0 AS
 * (SELECT rowid AS "__assay_row", * FROM t), s1 AS (<step>)`), and runs the step's pandas
 * lines on the same data with python3 when pandas is installed, for comparison. Timestamps
 * come back as epoch microseconds on both sides so naive and zoned values compare exactly.
 */
import { spawnSync } from 'node:child_process';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Step } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { quoteIdentifier as q } from '../../db/sql-text';
import type { OpDefinition, StepContext, StepIssue, StepStats } from '../op-definition';
import { typeFamily } from './columns-support';
import { groupB } from './group-b';

export type Row = Record<string, unknown>;

export interface StepRun {
  issues: StepIssue[];
  columns: ColumnInfo[];
  rows: Row[];
  stats: StepStats;
  sql: string;
  pandas: string[];
}

export async function describe(connection: DuckDBConnection, relation: string): Promise<ColumnInfo[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${relation}`);
  return reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

const isZoned = (type: string): boolean => /TIMESTAMPTZ|WITH TIME ZONE/i.test(type);

/** A column as comparable JSON: temporal values as epoch microseconds. */
function normalized(column: ColumnInfo): string {
  const name = q(column.name);
  if (isZoned(column.type)) return `epoch_us(${name}) AS ${name}`;
  if (typeFamily(column.type) === 'temporal') return `epoch_us(CAST(${name} AS TIMESTAMP)) AS ${name}`;
  return name;
}

function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

async function readRows(
  connection: DuckDBConnection,
  query: string,
): Promise<{ columns: ColumnInfo[]; rows: Row[] }> {
  const columns = (await describe(connection, query)).filter((c) => c.name !== '__assay_row');
  const reader = await connection.runAndReadAll(
    `SELECT ${columns.map(normalized).join(', ')} FROM (${query})`,
  );
  const rows = reader
    .getRowObjectsJS()
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  return { columns, rows };
}

/** Runs `step` over table `t`; other tables are reachable by name for join. */
export async function runStep(connection: DuckDBConnection, step: Step): Promise<StepRun> {
  const definition = groupB.find((d) => d.op === step.op) as unknown as OpDefinition<Step['op']>;
  const columns = await describe(connection, 't');
  const issues = definition.check(step as never, columns);
  const base: StepContext = {
    input: '(SELECT rowid AS "__assay_row", * FROM "t")',
    columns,
    rowKey: '"__assay_row", ',
    order: '"__assay_row"',
    stats: {},
    tableOf: (dataset) => q(dataset),
  };
  if (issues.length > 0) return { issues, columns: [], rows: [], stats: {}, sql: '', pandas: [] };
  const stats = definition.fit ? await definition.fit(step as never, base, connection) : {};
  const sql = definition.sql(step as never, { ...base, input: '"s0"', stats });
  const order = definition.keepsRows ? ' ORDER BY "__assay_row"' : '';
  const query = `WITH "s0" AS (SELECT rowid AS "__assay_row", * FROM "t"), "s1" AS (${sql}) SELECT * FROM "s1"${order}`;
  const result = await readRows(connection, query);
  return { issues, ...result, stats, sql, pandas: definition.pandas(step as never, { columns, stats }) };
}

let python: string | null | undefined;

/** A python3 that imports pandas, or null (the comparison is then skipped, visibly). */
export function pandasPython(): string | null {
  if (python !== undefined) return python;
  const candidates = [process.env.ASSAY_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => !!c,
  );
  python =
    candidates.find((c) => spawnSync(c, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0) ?? null;
  return python;
}

const PROGRAM = String.raw`
import json, sys
import numpy as np
import pandas as pd

def frame(spec):
    out = {}
    for col in spec["columns"]:
        name, kind, zoned = col["name"], col["kind"], col["zoned"]
        vals = spec["data"][name]
        if kind in ("float", "decimal") or (kind == "integer" and None in vals):
            out[name] = pd.Series([np.nan if v is None else float(v) for v in vals], dtype="float64")
        elif kind == "integer":
            out[name] = pd.Series(vals, dtype="int64")
        elif kind == "temporal":
            us = pd.Series([np.nan if v is None else float(v) for v in vals], dtype="float64")
            out[name] = pd.to_datetime(us, unit="us", utc=zoned)
        else:
            out[name] = pd.Series(vals, dtype="object")
    return pd.DataFrame(out, columns=[c["name"] for c in spec["columns"]])

def plain(v):
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.value // 1000
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return float(v)
    return v

spec = json.load(sys.stdin)
ns = {"pd": pd, "np": np, "df": frame(spec["table"]), "datasets": {k: frame(v) for k, v in spec["datasets"].items()}}
try:
    exec("\n".join(spec["lines"]), ns)
except NotImplementedError as e:
    print(json.dumps({"notImplemented": str(e)}))
    sys.exit(0)
df = ns["df"]
rows = [{str(c): plain(v) for c, v in zip(df.columns, r)} for r in df.itertuples(index=False, name=None)]
print(json.dumps({"columns": [str(c) for c in df.columns], "rows": rows}))
`;

async function tableSpec(connection: DuckDBConnection, table: string) {
  const { columns, rows } = await readRows(connection, `SELECT * FROM ${q(table)}`);
  const data = Object.fromEntries(
    columns.map((c) => [
      c.name,
      rows.map((r) => (typeof r[c.name] === 'number' && Number.isNaN(r[c.name]) ? 'nan' : r[c.name])),
    ]),
  );
  const described = columns.map((c) => ({ name: c.name, kind: typeFamily(c.type), zoned: isZoned(c.type) }));
  return { columns: described, data };
}

export interface PandasRun {
  columns: string[];
  rows: Row[];
  notImplemented?: string;
}

/** Runs pandas lines over `t` (and `datasets`, each a table of the same name). */
export async function runPandas(
  connection: DuckDBConnection,
  lines: string[],
  datasets: string[] = [],
): Promise<PandasRun> {
  const exe = pandasPython();
  if (!exe) throw new Error('python3 with pandas is not installed');
  const spec = {
    table: await tableSpec(connection, 't'),
    datasets: Object.fromEntries(
      await Promise.all(datasets.map(async (d) => [d, await tableSpec(connection, d)])),
    ),
    lines,
  };
  const result = spawnSync(exe, ['-c', PROGRAM], { input: JSON.stringify(spec), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pandas failed:\n${lines.join('\n')}\n${result.stderr}`);
  return JSON.parse(result.stdout) as PandasRun;
}

function sameValue(a: unknown, b: unknown): boolean {
  const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
  if (missing(a) || missing(b)) return missing(a) && missing(b);
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** The first difference between DuckDB's rows and pandas' as a sentence, or null. */
export function difference(duck: { columns: ColumnInfo[]; rows: Row[] }, pandas: PandasRun): string | null {
  const names = duck.columns.map((c) => c.name);
  if (JSON.stringify(names) !== JSON.stringify(pandas.columns)) {
    return `columns differ: ${JSON.stringify(names)} vs ${JSON.stringify(pandas.columns)}`;
  }
  if (duck.rows.length !== pandas.rows.length) return `${duck.rows.length} rows vs ${pandas.rows.length}`;
  for (let i = 0; i < duck.rows.length; i++) {
    for (const name of names) {
      const [a, b] = [duck.rows[i][name], pandas.rows[i][name]];
      if (!sameValue(a, b)) return `row ${i}, ${name}: ${String(a)} vs ${String(b)}`;
    }
  }
  return null;
}

/** A fresh in-memory DuckDB with the given tables, created by SQL statements. */
export async function memoryDb(...statements: string[]): Promise<DuckDBConnection> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  for (const statement of statements) await connection.run(statement);
  return connection;
}
