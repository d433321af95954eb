/**
 * The recipe engine end to end through the contract: a chain of steps compiled over a
 * version (order, row identity, column lists), the lineage with fitted statistics,
 * reuse against recompute, problems as sentences, a failed application leaving nothing,
 * and saved recipes' numbering.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Recipe, Step } from '../../../shared/clean/recipe';
import type { DatasetVersion } from '../../../shared/datasets';
import type { Engine } from '../engine';
import { importFiles, readPage, snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';
import { stepShape } from './step-shape';

async function scores(engine: Engine, rows: string[], name = 'scores'): Promise<DatasetVersion> {
  const file = path.join(tempDir(), `${name}.csv`);
  fs.writeFileSync(file, ['id,name,score,note', ...rows].join('\n'));
  return importFiles(engine, [file], undefined, name);
}

const recipe: Recipe = {
  steps: [
    { op: 'drop_columns', columns: ['note'] },
    { op: 'fill_missing', column: 'score', strategy: 'mean' },
    { op: 'sort', by: [{ column: 'score', descending: true }] },
  ],
};

async function apply(engine: Engine, request: Parameters<Engine['clean']['startApply']>[0]) {
  return engine.clean.startApply(request).outcome;
}

describe('recipe engine', () => {
  it('chains steps in order, records the fitted mean, and reuses or recomputes it', async () => {
    await withTempEngine(async (engine) => {
      const v1 = await scores(engine, ['1,a,10,x', '2,b,,y', '3,c,30,z', '4,d,20,w']);
      const { version, steps } = await apply(engine, { version: v1.id, recipe });
      assert.deepEqual(
        version.columns.map((c) => c.name),
        ['id', 'name', 'score'],
      );
      const rows = (await engine.workspace.connection.runAndReadAll(`SELECT * FROM "scores@2"`)).getRowsJS();
      // The mean of 10, 30 and 20 fills row 2; then descending by score, ties in source order.
      assert.deepEqual(
        rows.map((r) => [Number(r[0]), Number(r[2])]),
        [
          [3, 30],
          [2, 20],
          [4, 20],
          [1, 10],
        ],
      );
      assert.deepEqual(
        steps.map((s) => [s.op, s.rowsBefore, s.rowsAfter, s.removedColumns]),
        [
          ['drop_columns', 4, 4, ['note']],
          ['fill_missing', 4, 4, []],
          ['sort', 4, 4, []],
        ],
      );
      assert.equal(version.lineage.kind, 'recipe');
      if (version.lineage.kind !== 'recipe') return;
      assert.equal(version.lineage.parent, v1.id);
      assert.equal(version.lineage.fit, 'recompute');
      assert.ok(version.lineage.fitted['1'], 'the fill step records its statistics');

      // Next month's file: reuse keeps the old mean (20), recompute finds the new one (100).
      const v3 = await scores(engine, ['5,e,100,x', '6,f,,y']);
      const reused = await apply(engine, { version: v3.id, recipe, fit: 'reuse', name: 'reused' });
      const recomputed = await apply(engine, { version: v3.id, recipe, name: 'recomputed' });
      const filled = async (v: DatasetVersion) =>
        (
          await engine.workspace.connection.runAndReadAll(
            `SELECT score FROM "${v.dataset}@${v.number}" WHERE id = 6`,
          )
        ).getRowsJS()[0]?.[0];
      assert.equal(Number(await filled(reused.version)), 20);
      assert.equal(Number(await filled(recomputed.version)), 100);
    });
  });

  it('previews with row identity and counts changed cells', async () => {
    await withTempEngine(async (engine) => {
      const v1 = await scores(engine, ['1,a,10,x', '2,b,,y', '3,c,30,z']);
      const preview = await engine.call('clean.preview', { version: v1.id, recipe, limit: 10 });
      const page = readPage(preview.page);
      assert.equal(page.schema.fields[0]?.name, '__assay_row');
      assert.deepEqual(
        page.toArray().map((r) => Number(r.__assay_row)),
        [2, 1, 0],
      );
      const before = readPage(preview.before!);
      assert.deepEqual(
        before.toArray().map((r) => Number(r.__assay_row)),
        [2, 1, 0],
      );
      assert.equal(preview.sampled, false);
      assert.equal(preview.steps[1]?.changedCells, 1);
      assert.deepEqual(preview.steps[1]?.changedColumns, ['score']);
      assert.match(preview.sql, /-- Step 1: /);
      const pandas = await engine.call('clean.code', { version: v1.id, recipe, language: 'pandas' });
      assert.match(pandas.code, /^import pandas as pd/);
      assert.match(pandas.code, /def clean\(df, datasets=None\):/);
    });
  });

  it('refuses bad steps with a sentence and a failed application leaves nothing', async () => {
    await withTempEngine(async (engine) => {
      const v1 = await scores(engine, ['1,a,10,x', '2,b,zz,y']);
      const { problems } = await engine.call('clean.check', {
        version: v1.id,
        recipe: {
          steps: [
            { op: 'drop_columns', columns: ['note'] },
            { op: 'fill_missing', column: 'note', strategy: 'constant', value: 'n' },
          ],
        },
      });
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.step, 1);
      assert.match(problems[0]!.message, /^Step 2 \(fill_missing\): .*"note".*dropped by step 1\.$/);

      const cast: Recipe = { steps: [{ op: 'cast', column: 'score', type: 'INTEGER', on_error: 'fail' }] };
      const castCheck = await engine.call('clean.check', { version: v1.id, recipe: cast });
      assert.equal(castCheck.problems[0]?.field, 'type');
      assert.match(castCheck.problems[0]!.message, /on_error to "null"/);

      const before = await snapshot(engine);
      await assert.rejects(apply(engine, { version: v1.id, recipe: cast }), /Step 1 \(cast\)/);
      assert.equal(await snapshot(engine), before);
    });
  });

  it('refuses steps whose SQL would write or run other statements, before DuckDB binds them', async () => {
    await withTempEngine(async (engine) => {
      const v1 = await scores(engine, ['1,a,10,x', '2,b,20,y']);
      const target = path.join(tempDir(), 'written.csv');
      const attempts: Recipe[] = [
        { steps: [{ op: 'sql', query: `SELECT * FROM query('COPY (SELECT 42) TO ''${target}''')` }] },
        { steps: [{ op: 'sql', query: 'SELECT * FROM input, checkpoint()' }] },
        {
          steps: [
            { op: 'filter', expression: `EXISTS (SELECT * FROM query('COPY (SELECT 1) TO ''${target}'''))` },
          ],
        },
        { steps: [{ op: 'formula', name: 'x', expression: `(SELECT count(*) FROM query('SELECT 1'))` }] },
      ];
      const before = await snapshot(engine);
      for (const attempt of attempts) {
        const { problems } = await engine.call('clean.check', { version: v1.id, recipe: attempt });
        assert.equal(problems.length, 1, JSON.stringify(attempt));
        assert.match(problems[0]!.message, /^Step 1 \(/);
        await assert.rejects(apply(engine, { version: v1.id, recipe: attempt }), /Step 1 \(/);
      }
      assert.equal(fs.existsSync(target), false);
      assert.equal(await snapshot(engine), before);
    });
  });

  it('refuses fit "reuse" with nothing to reuse, even when no step fits, and makes no version', async () => {
    await withTempEngine(async (engine) => {
      const v1 = await scores(engine, ['1,a,10,x', '2,b,,y']);
      const before = await snapshot(engine);
      for (const attempt of [recipe, { steps: [{ op: 'drop_columns', columns: ['note'] }] } as Recipe]) {
        await assert.rejects(
          apply(engine, { version: v1.id, recipe: attempt, fit: 'reuse' }),
          /^ApiError: Nothing to reuse: no earlier application of these steps .*fit "recompute" first\.$/,
        );
      }
      assert.equal(await snapshot(engine), before);
    });
  });

  it('applies in-place steps without a final sort and counts rows per step from the ends', async () => {
    await withTempEngine(async (engine) => {
      const v1 = await scores(engine, ['5,e,50,x', '1,a,10,x', '4,d,,y', '2,b,20,z', '3,c,30,w']);
      const plain: Recipe = {
        steps: [
          { op: 'formula', name: 'twice', expression: 'score * 2' },
          { op: 'filter', expression: 'score IS NULL OR score > 15' },
          { op: 'change_case', column: 'name', to: 'upper' },
          { op: 'filter', expression: "note <> 'w'" },
        ],
      };
      const sorted: Step[] = [{ op: 'sort', by: [{ column: 'id', descending: false }] }];
      const cases: Array<[Step[], number[]]> = [
        [[], [5, 4, 2]],
        [sorted, [2, 4, 5]],
      ];
      for (const [extra, ids] of cases) {
        const steps = [...plain.steps, ...extra];
        const { version, steps: summaries } = await apply(engine, { version: v1.id, recipe: { steps } });
        const rows = (
          await engine.workspace.connection.runAndReadAll(
            `SELECT id, name FROM "${version.dataset}@${version.number}"`,
          )
        ).getRowsJS();
        assert.deepEqual(
          rows.map((r) => Number(r[0])),
          ids,
        );
        assert.ok(rows.every((r) => String(r[1]) === String(r[1]).toUpperCase()));
        assert.deepEqual(
          summaries.map((s) => [s.rowsBefore, s.rowsAfter]),
          [[5, 5], [5, 4], [4, 4], [4, 3], ...extra.map(() => [3, 3])],
        );
      }
    });
  });

  it('tells in-place steps from reordering ones by their SQL', () => {
    assert.deepEqual(stepShape('SELECT "a", "b" FROM "s1"', '"s1"'), { inPlace: true, sameRows: true });
    assert.deepEqual(stepShape('SELECT "a" FROM "s1" WHERE (a > 1)', '"s1"'), {
      inPlace: true,
      sameRows: false,
    });
    for (const sql of [
      'SELECT "a", row_number() OVER () AS n FROM "s1"',
      'SELECT "a" FROM "s1" ORDER BY "a"',
      'SELECT "a" FROM "s1" WHERE a > (SELECT avg(a) FROM "s1")',
      'SELECT "a" FROM "s1" JOIN t USING (a)',
      'SELECT "a" FROM "s1", t',
    ]) {
      assert.equal(stepShape(sql, '"s1"').inPlace, false, sql);
    }
  });

  it("checks a JSON column's cast on the value the step casts, so check and apply agree", async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'mixed.json');
      fs.writeFileSync(file, '[{"v": 1}, {"v": "2.5"}, {"v": true}]');
      const v1 = await importFiles(engine, [file], undefined, 'mixed');
      assert.equal(v1.columns[0]?.type, 'JSON');
      const cast: Recipe = { steps: [{ op: 'cast', column: 'v', type: 'DOUBLE', on_error: 'fail' }] };
      const { problems } = await engine.call('clean.check', { version: v1.id, recipe: cast });
      assert.equal(problems[0]?.field, 'type');
      const before = await snapshot(engine);
      await assert.rejects(apply(engine, { version: v1.id, recipe: cast }), /Step 1 \(cast\)/);
      assert.equal(await snapshot(engine), before);
    });
  });

  it('numbers saved recipes per name', async () => {
    await withTempEngine(async (engine) => {
      const first = await engine.call('recipes.save', { name: 'tidy', recipe });
      const second = await engine.call('recipes.save', {
        name: 'tidy',
        recipe: { steps: [] },
        description: 'empty',
      });
      await engine.call('recipes.save', { name: 'other', recipe });
      assert.deepEqual([first.number, second.number], [1, 2]);
      assert.deepEqual(
        (await engine.call('recipes.list', {})).map((r) => [r.name, r.number]),
        [
          ['other', 1],
          ['tidy', 2],
        ],
      );
      assert.deepEqual((await engine.call('recipes.get', { name: 'tidy', number: 1 })).recipe, recipe);
      await assert.rejects(engine.call('recipes.get', { name: 'tidy', number: 9 }), /numbers are 1, 2/);
    });
  });
});
