/**
 * `assay recipe` as a user runs it: a 3-step recipe file applied to an imported CSV (the
 * new version's rows and values read back through `assay sql`), the same recipe saved
 * and applied by name, its SQL and pandas code printed, and bad recipes — not JSON, an
 * unknown operation, a column that does not exist — refused with one sentence, the
 * right exit code and no new version.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runAssay } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

const dir = tempDir();
const w = ['--workspace', path.join(dir, 'ws')];
const assay = (args: string[]) => runAssay([...w, ...args], { timeoutMs: 120_000 });

const people = [
  [1, 'Ada', 31, 'London'],
  [2, 'Grace', 8, 'New York'],
  [3, 'Linus', null, 'Helsinki'],
  [4, 'Ken', 12, 'Murray Hill'],
  [5, 'Barbara', 40, 'Boston'],
  [6, 'Edsger', 10, 'Nuenen'],
] as const;

const recipe = {
  steps: [
    { op: 'drop_columns', columns: ['city'] },
    { op: 'filter', expression: 'score >= 10' },
    { op: 'formula', name: 'double', expression: 'score * 2' },
  ],
};

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function versionCount(dataset: string): number {
  const listed = assay(['--json', 'datasets']);
  assert.equal(listed.code, 0, listed.stderr);
  const found = (JSON.parse(listed.stdout) as Array<{ name: string; versionCount: number }>).find(
    (d) => d.name === dataset,
  );
  return found?.versionCount ?? 0;
}

function rowsOf(sql: string): Array<Record<string, unknown>> {
  const run = assay(['--json', 'sql', sql]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout).rows;
}

/** One line on stderr, "assay: …", with the exit code expected. */
function assertRefused(run: { code: number | null; stderr: string }, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, run.stderr);
  assert.equal(run.stderr.trim().split('\n').length, 1, `one sentence: ${run.stderr}`);
  assert.match(run.stderr, pattern);
}

describe('assay recipe', () => {
  before(() => {
    const csv = path.join(dir, 'people.csv');
    const lines = people.map((p) => p.map((v) => (v === null ? '' : String(v))).join(','));
    fs.writeFileSync(csv, `id,name,score,city\n${lines.join('\n')}\n`);
    const imported = assay(['import', csv, '--name', 'people']);
    assert.equal(imported.code, 0, imported.stderr);
  });

  it('applies a recipe file and makes a version whose rows are the recipe applied', () => {
    const file = writeJson('recipe.json', recipe);
    const run = assay(['--json', 'recipe', 'apply', file, 'people@1']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    const kept = people.filter((p) => p[2] !== null && p[2] >= 10);
    assert.equal(result.dataset, 'people');
    assert.equal(result.version, 2);
    assert.equal(result.rows, kept.length);
    assert.deepEqual(
      result.columns.map((c: { name: string }) => c.name),
      ['id', 'name', 'score', 'double'],
    );
    assert.deepEqual(
      result.steps.map((s: { step: number; op: string; rows_before: number; rows_after: number }) => [
        s.step,
        s.op,
        s.rows_before,
        s.rows_after,
      ]),
      [
        [1, 'drop_columns', people.length, people.length],
        [2, 'filter', people.length, kept.length],
        [3, 'formula', kept.length, kept.length],
      ],
    );
    assert.deepEqual(result.steps[0].removed, ['city']);
    assert.deepEqual(result.steps[2].added, ['double']);
    assert.equal(typeof result.seconds, 'number');

    const rows = rowsOf('SELECT id, name, score, "double" FROM "people@2" ORDER BY id');
    assert.deepEqual(
      rows,
      kept.map(([id, name, score]) => ({ id, name, score, double: Number(score) * 2 })),
    );
  });

  it('saves the recipe by name, lists it and applies it by name to a new dataset', () => {
    const saved = assay(['--json', 'recipe', 'save', 'adults', writeJson('saved.json', recipe)]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(JSON.parse(saved.stdout).number, 1);
    const listed = assay(['--json', 'recipe', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    const entry = JSON.parse(listed.stdout).find((r: { name: string }) => r.name === 'adults');
    assert.deepEqual([entry.number, entry.steps], [1, 3]);

    const run = assay(['recipe', 'apply', 'adults', 'people@1', '--name', 'people_clean']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /people_clean@1/);
    const same = rowsOf(
      'SELECT count(*) AS n FROM (SELECT * FROM "people@2" EXCEPT ALL SELECT * FROM people_clean)',
    );
    assert.deepEqual(same, [{ n: 0 }]);
  });

  it('prints the recipe as SQL and as pandas code', () => {
    const file = writeJson('code.json', recipe);
    const sql = assay(['recipe', 'sql', file, '--dataset', 'people@1']);
    assert.equal(sql.code, 0, sql.stderr);
    assert.match(sql.stdout, /SELECT/i);
    assert.match(sql.stdout, /"?score"? >= 10/);
    const pandas = assay(['recipe', 'pandas', file, '--dataset', 'people@1']);
    assert.equal(pandas.code, 0, pandas.stderr);
    assert.match(pandas.stdout, /def \w+\(/);
    assert.match(pandas.stdout, /df/);
    assertRefused(assay(['recipe', 'pandas', file]), 2, /--dataset/);
  });

  it('refuses bad recipes with one sentence and makes no new version', () => {
    const versions = versionCount('people');
    const notJson = writeJson('not-json.json', '{"steps": [');
    assertRefused(assay(['recipe', 'apply', notJson, 'people']), 2, /not-json\.json is not JSON/);
    const unknownOp = writeJson('unknown.json', { steps: [{ op: 'explode', column: 'name' }] });
    assertRefused(assay(['recipe', 'apply', unknownOp, 'people']), 2, /step 1's op "explode" is not/);
    const badField = writeJson('bad-field.json', { steps: [{ op: 'drop_columns', columns: [] }] });
    assertRefused(assay(['recipe', 'apply', badField, 'people']), 2, /bad-field\.json \(step 1/);
    const missing = writeJson('missing.json', {
      steps: [
        { op: 'filter', expression: 'score > 0' },
        { op: 'drop_columns', columns: ['salary'] },
      ],
    });
    assertRefused(assay(['recipe', 'apply', missing, 'people']), 1, /Step 2.*salary/);
    assertRefused(assay(['recipe', 'apply', 'no-such-recipe', 'people']), 1, /no-such-recipe/);
    assert.equal(versionCount('people'), versions);
  });
});
