/**
 * Test support for operations: runs one step's SQL on a real in-memory DuckDB the way the
 * recipe engine chains it (a source CTE with the hidden row and order columns, the result
 * ordered by the order column, a sort renumbered as hidden-columns.ts does), and
 * runs the step's pandas lines with python3 on the same rows, so a test can hand-check
 * DuckDB's answer and then require pandas to give the same one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Step } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { ORDER_BY, ROW, renumberSorted, rowKeyOf, sourceSelect } from '../hidden-columns';
import { sortKeys } from './rows-ops';
import type { AnyOpDefinition, OpDefinition, StepContext, StepStats } from '../op-definition';

export interface Table {
  columns: string[];
  rows: unknown[][];
}

export interface StepResult extends Table {
  /** The source row of each output row (`__assay_row`). */
  sourceRows: number[];
  stats: StepStats;
}

let python: string | null | undefined;

/**
 * A python3 that can import pandas, or null. Debian's python3-pandas belongs to the
 * system python, which a version manager's `python3` on PATH may hide.
 */
function pandasPython(): string | null {
  python ??=
    ['python3', '/usr/bin/python3'].find(
      (candidate) => spawnSync(candidate, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0,
    ) ?? null;
  return python;
}

export function pandasAvailable(): boolean {
  return pandasPython() !== null;
}

/** JSON-friendly cell: bigints as numbers, DuckDB date/time values as their text. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') return String(value);
  return value;
}

export class OpHarness {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly definitions: AnyOpDefinition[],
  ) {}

  /** A fresh database whose table `t` is made by `createSql` (a statement creating t). */
  static async open(createSql: string, definitions: AnyOpDefinition[]): Promise<OpHarness> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(createSql);
    await connection.run(`CREATE VIEW s0 AS ${sourceSelect('t', null)}`);
    return new OpHarness(instance, connection, definitions);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  definition(step: Step): OpDefinition<Step['op']> {
    const found = this.definitions.find((d) => d.op === step.op);
    if (!found) throw new Error(`No definition for ${step.op}.`);
    return found as unknown as OpDefinition<Step['op']>;
  }

  async columns(): Promise<ColumnInfo[]> {
    const reader = await this.connection.runAndReadAll('DESCRIBE t');
    return reader.getRowObjects().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  async table(): Promise<Table & { types: string[] }> {
    const columns = await this.columns();
    const reader = await this.connection.runAndReadAll('SELECT * FROM t ORDER BY rowid');
    return {
      columns: columns.map((c) => c.name),
      types: columns.map((c) => c.type),
      rows: reader.getRows().map((row) => row.map(plain)),
    };
  }

  /** The step's issues (from `check`) as sentences. */
  async issues(step: Step): Promise<string[]> {
    const definition = this.definition(step);
    return definition.check(step as never, await this.columns()).map((i) => `${i.field ?? ''}: ${i.message}`);
  }

  /** Checks, fits and runs the step; throws with the issues when check refuses it. */
  async run(step: Step): Promise<StepResult> {
    const issues = await this.issues(step);
    if (issues.length > 0) throw new Error(issues.join(' '));
    const definition = this.definition(step);
    const ctx: StepContext = {
      input: '(SELECT * FROM s0)',
      columns: await this.columns(),
      rowKey: rowKeyOf(true),
      order: ORDER_BY,
      stats: {},
      tableOf: () => {
        throw new Error('No other datasets here.');
      },
    };
    if (definition.fit) ctx.stats = await definition.fit(step as never, ctx, this.connection);
    let sql = definition.sql(step as never, { ...ctx, input: '"s0"' });
    if (step.op === 'sort') sql = renumberSorted(sql, sortKeys(step, ctx.columns));
    const reader = await this.connection.runAndReadAll(
      `WITH s0 AS (${sourceSelect('t', null)}) SELECT * EXCLUDE (${ORDER_BY}) FROM (${sql}) ORDER BY ${ORDER_BY}`,
    );
    const names = reader.columnNames();
    const rows = reader.getRows().map((row) => row.map(plain));
    const keyAt = names.indexOf(ROW);
    return {
      columns: names.filter((_, i) => i !== keyAt),
      rows: rows.map((row) => row.filter((_, i) => i !== keyAt)),
      sourceRows: keyAt < 0 ? [] : rows.map((row) => Number(row[keyAt])),
      stats: ctx.stats,
    };
  }

  /** The step's pandas lines run on the same rows of t, read back as JSON. */
  async pandas(step: Step, stats: StepStats): Promise<Table> {
    const definition = this.definition(step);
    const lines = definition.pandas(step as never, { columns: await this.columns(), stats });
    return runPandas(await this.table(), lines);
  }
}

const LOADER = `
import json, sys
import numpy as np
import pandas as pd
data = json.load(open(sys.argv[1]))
rows = [[float("nan") if v == "__NaN__" else v for v in r] for r in data["rows"]]
df = pd.DataFrame(rows, columns=data["columns"], dtype=object)
for name, kind in zip(data["columns"], data["types"]):
    if kind in ("BIGINT", "INTEGER", "DOUBLE", "FLOAT", "SMALLINT", "TINYINT"):
        df[name] = pd.to_numeric(df[name])
        if kind in ("DOUBLE", "FLOAT") or df[name].isna().any():
            df[name] = df[name].astype("float64")
    elif kind == "BOOLEAN" and not df[name].isna().any():
        df[name] = df[name].astype(bool)
    elif kind == "JSON":
        df[name] = df[name].map(lambda v: None if v is None else json.loads(v))
def step(df):
__STEP__
    return df
df = step(df)
def plain(v):
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return v.item() if hasattr(v, "item") else v
print(json.dumps({"columns": [str(c) for c in df.columns],
                  "rows": [[plain(v) for v in r] for r in df.itertuples(index=False, name=None)]}))
`;

function runPandas(table: Table & { types: string[] }, lines: string[]): Table {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-pandas-'));
  try {
    const data = path.join(dir, 'data.json');
    const rows = table.rows.map((r) =>
      r.map((v) => (typeof v === 'number' && Number.isNaN(v) ? '__NaN__' : v)),
    );
    fs.writeFileSync(data, JSON.stringify({ ...table, rows }));
    const script = path.join(dir, 'step.py');
    const body = lines.map((line) => `    ${line}`).join('\n');
    fs.writeFileSync(script, LOADER.replace('__STEP__', body || '    pass'));
    const result = spawnSync(pandasPython() ?? 'python3', [script, data], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pandas failed:\n${lines.join('\n')}\n${result.stderr}`);
    return JSON.parse(result.stdout) as Table;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Cells as compared across languages: NaN is missing (pandas cannot tell), numbers to 1e-9. */
export function sameTable(a: Table, b: Table): boolean {
  const cell = (x: unknown, y: unknown): boolean => {
    const nx = typeof x === 'number' && Number.isNaN(x) ? null : x;
    const ny = typeof y === 'number' && Number.isNaN(y) ? null : y;
    if (typeof nx === 'number' && typeof ny === 'number')
      return Math.abs(nx - ny) <= 1e-9 * Math.max(1, Math.abs(nx));
    return nx === ny;
  };
  return (
    JSON.stringify(a.columns) === JSON.stringify(b.columns) &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, i) => row.length === b.rows[i]?.length && row.every((v, j) => cell(v, b.rows[i]?.[j])))
  );
}

/**
 * Runs `step`, requires DuckDB's columns and rows to be `expected`, then (as a subtest that
 * is skipped, visibly, without pandas) requires the pandas code to give the same.
 */
export async function expectStep(
  t: TestContext,
  h: OpHarness,
  step: Step,
  expected: Table,
): Promise<StepResult> {
  const result = await h.run(step);
  assert.deepEqual({ columns: result.columns, rows: result.rows }, expected);
  await t.test('pandas gives the same rows and values', async (st) => {
    if (!pandasAvailable()) {
      st.skip('python3-pandas is not installed');
      return;
    }
    const out = await h.pandas(step, result.stats);
    assert.ok(
      sameTable(result, out),
      `pandas gave ${JSON.stringify(out)}\nDuckDB gave ${JSON.stringify(result)}`,
    );
  });
  return result;
}
