/**
 * Feature steps end to end through the contract, as one recipe with cleaning steps: every
 * feature operation compiles, passes the read-only check and applies as a job; the pandas
 * function the engine writes gives the same values on the same CSV; and applying the
 * recipe to new rows with fit "reuse" encodes them with the fitted tables.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Recipe } from '../../../../shared/clean/recipe';
import type { DatasetVersion } from '../../../../shared/datasets';
import type { Engine } from '../../engine';
import { importFiles } from '../../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../../testing/temp-engine';
import { pandasPython } from '../../clean/ops/step-harness';

const HEADER = 'id,shop,day,sales,kind,note';
const ROWS = [
  '1,s1,2024-01-01,10,a,Fresh bread today',
  '2,s2,2024-01-01,5,b,bread and milk',
  '3,s1,2024-01-02,,a,',
  '4,s1,2024-01-04,30,b,Milk milk milk',
  '5,s2,2024-01-03,8,a,closed early',
  '6,s1,2024-01-04,20,c,bread',
];

const recipe: Recipe = {
  steps: [
    { op: 'drop_columns', columns: ['id'] },
    { op: 'ratio', a: 'sales', b: 'sales', name: 'one' },
    { op: 'arithmetic', a: 'sales', operator: 'subtract', b: 'one', name: 'less' },
    { op: 'log', column: 'sales', base: 'e', plus_one: true, name: 'log_sales' },
    { op: 'sqrt', column: 'sales', name: 'root' },
    { op: 'power', column: 'less', exponent: -1, name: 'inverse' },
    { op: 'cyclical', column: 'sales', period: 7, name: 'cyc' },
    { op: 'lag', column: 'sales', by: ['shop'], order_by: 'day', name: 'previous' },
    { op: 'diff', column: 'sales', by: ['shop'], order_by: 'day', name: 'change' },
    {
      op: 'rolling',
      column: 'sales',
      by: ['shop'],
      order_by: 'day',
      window: '2 days',
      fn: 'mean',
      name: 'r2d',
    },
    { op: 'rolling', column: 'sales', by: ['shop'], order_by: 'day', window: 2, fn: 'std', name: 'r2' },
    { op: 'expanding', column: 'sales', order_by: 'day', fn: 'sum', name: 'so_far' },
    { op: 'target_encode', column: 'kind', target: 'sales', folds: 2, smoothing: 1, name: 'kind_te' },
    { op: 'frequency_encode', column: 'shop', normalize: true, name: 'shop_share' },
    { op: 'text_tokens', column: 'note', top: 2, name: 'words' },
    { op: 'interaction', a: 'shop', b: 'kind', name: 'shop_kind' },
  ],
};

async function csv(
  engine: Engine,
  rows: string[],
  name: string,
): Promise<{ version: DatasetVersion; file: string }> {
  const file = path.join(tempDir(), `${name}.csv`);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  return { version: await importFiles(engine, [file], undefined, name), file };
}

async function rowsOf(engine: Engine, version: DatasetVersion): Promise<Record<string, unknown>[]> {
  const reader = await engine.workspace.connection.runAndReadAll(
    `SELECT * EXCLUDE (day) FROM "${version.dataset}@${version.number}"`,
  );
  return reader
    .getRowObjectsJS()
    .map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    );
}

function samePandas(code: string, file: string, duck: Record<string, unknown>[]): void {
  const script = `${code}\nimport json, sys\ndf = clean(pd.read_csv(sys.argv[1], parse_dates=["day"]))\nprint(df.drop(columns=["day"]).to_json(orient="records", double_precision=15))\n`;
  const at = path.join(tempDir(), 'recipe.py');
  fs.writeFileSync(at, script);
  const run = spawnSync(pandasPython() ?? 'python3', [at, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
  assert.equal(rows.length, duck.length);
  rows.forEach((row, i) => {
    assert.deepEqual(Object.keys(row), Object.keys(duck[i]!));
    for (const [name, value] of Object.entries(row)) {
      const want = duck[i]![name];
      const same =
        typeof value === 'number' && typeof want === 'number'
          ? Math.abs(value - want) <= 1e-9 * Math.max(1, Math.abs(want))
          : (value ?? null) === (want ?? null);
      assert.ok(same, `row ${i}, ${name}: pandas ${String(value)}, DuckDB ${String(want)}`);
    }
  });
}

describe('feature steps in a recipe', () => {
  it('apply as a job, match the pandas code, and reuse their fitted tables', async () => {
    await withTempEngine(async (engine) => {
      const { version: v1, file } = await csv(engine, ROWS, 'sales');
      const { problems } = await engine.call('clean.check', { version: v1.id, recipe });
      assert.deepEqual(problems, []);
      const applied = await engine.clean.startApply({ version: v1.id, recipe }).outcome;
      const rows = await rowsOf(engine, applied.version);
      // Shop s1 in time: 10 (01-01), NULL (01-02), 30 and 20 (01-04, a tie in file order).
      assert.deepEqual(
        rows.map((r) => r.previous),
        [null, null, 10, null, 5, 30],
      );
      assert.deepEqual(
        rows.map((r) => r.r2d),
        [10, 5, 10, 25, 8, 25],
      );
      assert.deepEqual(
        rows.map((r) => [r.words, r.words_bread, r.words_milk]),
        [
          [3, 1, 0],
          [3, 1, 1],
          [null, null, null],
          [3, 0, 1],
          [2, 0, 0],
          [1, 1, 0],
        ],
      );
      assert.equal(rows[0]!.shop_kind, 's1|a');
      if (pandasPython()) {
        const { code } = await engine.call('clean.code', { version: v1.id, recipe, language: 'pandas' });
        samePandas(code, file, rows);
      }

      // New rows: kind "a" gets its fitted encoding, an unseen kind and shop the fallbacks.
      const fitted = applied.version.lineage.kind === 'recipe' ? applied.version.lineage.fitted : {};
      const table = fitted['12']!;
      const { version: v2 } = await csv(
        engine,
        ['7,s1,2024-02-01,4,a,bread', '8,s9,2024-02-01,6,z,x'],
        'next',
      );
      const reused = await engine.clean.startApply({
        version: v2.id,
        recipe,
        fit: 'reuse',
        name: 'next_features',
      }).outcome;
      const next = await rowsOf(engine, reused.version);
      const a = (table.values as number[])[(table.categories as string[]).indexOf('a')];
      assert.deepEqual(
        next.map((r) => r.kind_te),
        [a, table.prior],
      );
      assert.deepEqual(
        next.map((r) => r.shop_share),
        [4 / 6, 0],
      );
    });
  });
});
