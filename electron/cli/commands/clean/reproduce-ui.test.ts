/**
 * The Clean issue's "done when", on vega-datasets' movies.json: the recipe the Chromium
 * e2e builds (e2e/clean.e2e.test.ts: the seven steps it applies after undoing strip) is
 * applied through the engine as the UI does (`clean.apply`), saved (`recipes.save`), and
 * applied again by name with `assay recipe apply`; both versions must hold the same rows
 * and values in the same order. Then the recipe's pandas code (`clean.code`) runs on
 * movies.json read by `pd.read_json` and must give them too. Normalisation, on both
 * sides alike: timestamps as "YYYY-MM-DD HH:MM:SS" text, NaN/NaT/None as null, numbers
 * compared to 1e-9 (pandas holds integer columns with nulls as float64).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Recipe } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import { Engine } from '../../../engine/index';
import { importFiles } from '../../../testing/dataset-fixtures';
import { VEGA_DATA, runAssay } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

const MOVIES = path.join(VEGA_DATA, 'movies.json');
const dir = tempDir();
const workspace = path.join(dir, 'ws');
const assay = (args: string[]) => runAssay(['--workspace', workspace, ...args], { timeoutMs: 180_000 });

/** The steps the e2e adds through the forms and applies (strip is undone before applying). */
const recipe: Recipe = {
  steps: [
    { op: 'drop_columns', columns: ['US DVD Sales'] },
    { op: 'fill_missing', column: 'MPAA Rating', strategy: 'constant', value: 'Not Rated' },
    { op: 'parse_date', column: 'Release Date', format: '%b %d %Y' },
    { op: 'filter', expression: '"Production Budget" >= 1000000' },
    { op: 'cast', column: 'Title', type: 'VARCHAR', on_error: 'null' },
    { op: 'change_case', column: 'Title', to: 'upper' },
    { op: 'text_length', column: 'Title', name: 'title_length' },
  ],
};

interface Rows {
  columns: string[];
  rows: unknown[][];
}

/** The engine on the test's workspace (closed after `work`, so the CLI can open it). */
async function withEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.create({ workspaceDir: workspace, mode: 'browser' });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** A version's rows in version order (a plain scan keeps it), timestamps as text. */
async function versionRows(engine: Engine, version: string, columns: ColumnInfo[]): Promise<Rows> {
  const items = columns.map((c) => {
    const id = `"${c.name.replaceAll('"', '""')}"`;
    return /^(DATE|TIMESTAMP)/.test(c.type) ? `strftime(${id}, '%Y-%m-%d %H:%M:%S') AS ${id}` : id;
  });
  const reader = await engine.workspace.connection.runAndReadAll(
    `SELECT ${items.join(', ')} FROM "${version}"`,
  );
  const rows = reader.getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  return { columns: columns.map((c) => c.name), rows };
}

const RUN_PANDAS = `
import json, sys
import numpy as np
import pandas as pd
exec(open(sys.argv[1]).read())
df = clean(pd.read_json(sys.argv[2], convert_dates=False))
def plain(v):
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if v is None or (not isinstance(v, (list, dict)) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v
print(json.dumps({"columns": [str(c) for c in df.columns],
                  "rows": [[plain(v) for v in r] for r in df.itertuples(index=False, name=None)]}))
`;

function pandasPython(): string | null {
  return (
    ['python3', '/usr/bin/python3'].find(
      (p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0,
    ) ?? null
  );
}

/** The first differing cells (numbers to 1e-9), as lines for an assertion message. */
function differences(a: Rows, b: Rows): string[] {
  const found: string[] = [];
  if (JSON.stringify(a.columns) !== JSON.stringify(b.columns))
    found.push(`columns ${JSON.stringify(a.columns)} ≠ ${JSON.stringify(b.columns)}`);
  if (a.rows.length !== b.rows.length) found.push(`rows ${a.rows.length} ≠ ${b.rows.length}`);
  a.rows.forEach((row, i) =>
    row.forEach((x, j) => {
      const y = b.rows[i]?.[j] ?? null;
      const same =
        typeof x === 'number' && typeof y === 'number'
          ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
          : x === y;
      if (!same && found.length < 10)
        found.push(`row ${i} "${a.columns[j]}": ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
    }),
  );
  return found;
}

describe('a UI recipe reproduced by the CLI and by pandas (movies.json)', () => {
  let columns: ColumnInfo[] = [];
  let pandasCode = '';

  before(async () => {
    await withEngine(async (engine) => {
      const v1 = await importFiles(engine, [MOVIES], undefined, 'movies');
      const applied = await engine.clean.startApply({ version: v1.id, recipe }).outcome;
      assert.deepEqual([applied.version.dataset, applied.version.number], ['movies', 2]);
      columns = applied.version.columns;
      await engine.clean.save({ name: 'movies_ui', recipe });
      pandasCode = await engine.clean.code({ recipe, version: v1.id, language: 'pandas' });
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('casts the JSON Title to its plain text: no JSON quotes, lengths of the words', () => {
    const run = assay([
      '--json',
      'sql',
      `SELECT Title, title_length FROM "movies@2" WHERE Title = 'THE LAND GIRLS'`,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).rows, [{ Title: 'THE LAND GIRLS', title_length: 14 }]);
  });

  it('assay recipe apply of the saved recipe gives the same rows and values in the same order', async () => {
    const run = assay(['--json', 'recipe', 'apply', 'movies_ui', 'movies@1', '--name', 'cli_result']);
    assert.equal(run.code, 0, run.stderr);
    const [ui, cli] = await withEngine(async (engine) => [
      await versionRows(engine, 'movies@2', columns),
      await versionRows(engine, 'cli_result@1', columns),
    ]);
    assert.ok(ui.rows.length > 100, `${ui.rows.length} rows`);
    assert.deepEqual(cli, ui);
  });

  it('the pandas code on movies.json gives the same rows and values', async (t) => {
    const python = pandasPython();
    if (python === null) {
      t.skip('python3-pandas is not installed');
      return;
    }
    const code = path.join(dir, 'clean.py');
    const script = path.join(dir, 'run.py');
    fs.writeFileSync(code, pandasCode);
    fs.writeFileSync(script, RUN_PANDAS);
    const run = spawnSync(python, [script, code, MOVIES], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, run.stderr);
    const ui = await withEngine((engine) => versionRows(engine, 'movies@2', columns));
    const diff = differences(ui, JSON.parse(run.stdout) as Rows);
    assert.deepEqual(diff, []);
  });
});
