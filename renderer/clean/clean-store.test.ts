/** The clean store against a scripted client: recipe edits, undo/redo, preview, problems, apply, cancel. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplyResult, CleanPreview } from '../../shared/clean/clean-api';
import type { DatasetVersion } from '../../shared/datasets';
import { ApiError } from '../../shared/errors';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent, settle } from '../testing/fake-client';
import { APPLY_CANCELLED, createCleanStore } from './clean-store';

const version = (id: string, number = 1) =>
  ({
    id,
    dataset: 'movies',
    number,
    rows: 3,
    columns: [{ name: 'Title', type: 'VARCHAR' }],
  }) as DatasetVersion;

const preview = (stepCount: number): CleanPreview => ({
  page: new Uint8Array(),
  before: null,
  columns: [],
  steps: Array.from({ length: stepCount }, (_v, index) => ({
    index,
    op: 'strip',
    rowsBefore: 3,
    rowsAfter: 3,
    columns: [],
    addedColumns: [],
    removedColumns: [],
    changedColumns: [],
    changedCells: 1,
  })),
  sampled: false,
  sampleRows: 3,
  sql: '',
  elapsedMs: 1,
});

/** Let the debounce timer fire and the answers arrive. */
const quiet = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await settle();
};

function setup() {
  const client = new FakeClient();
  const toasts = createToastStore();
  const opened: DatasetVersion[] = [];
  client
    .answer('clean.preview', (r) => preview(r.recipe.steps.length))
    .answer('clean.check', { problems: [] })
    .answer('clean.code', (r) => ({ code: `-- ${r.recipe.steps.length} steps (${r.language})` }));
  const store = createCleanStore(client, toasts, { debounceMs: 0, openVersion: (v) => opened.push(v) });
  store.getState().setVersion(version('v1'));
  return { client, toasts, store, opened };
}

function addStrip(store: ReturnType<typeof setup>['store'], column = 'Title') {
  store.getState().startDraft('strip', column);
  assert.equal(store.getState().commitDraft(), true);
}

describe('clean store', () => {
  it('adds a step from the form, previewing the draft before it is added', async () => {
    const { client, store } = setup();
    store.getState().startDraft('drop_columns', 'Title');
    await quiet();
    const asked = client.requests('clean.preview').at(-1)!;
    assert.deepEqual(asked.recipe.steps, [{ op: 'drop_columns', columns: ['Title'] }]);
    assert.equal(store.getState().steps.length, 0, 'not added yet');
    assert.equal(store.getState().commitDraft(), true);
    assert.deepEqual(store.getState().steps, [{ op: 'drop_columns', columns: ['Title'] }]);
    await quiet();
    assert.equal(store.getState().preview?.steps.length, 1);
    assert.equal(store.getState().code, '-- 1 steps (sql)');
  });

  it('refuses a draft that is not a valid step', () => {
    const { store } = setup();
    store.getState().startDraft('formula');
    assert.equal(store.getState().commitDraft(), false);
    assert.equal(store.getState().steps.length, 0);
  });

  it('edits, removes and reorders steps, and undoes and redoes each edit', () => {
    const { store } = setup();
    addStrip(store, 'a');
    addStrip(store, 'b');
    store.getState().editStep(0);
    store.getState().setDraftValues({ columns: ['c'] });
    assert.equal(store.getState().commitDraft(), true);
    assert.deepEqual(store.getState().steps, [
      { op: 'strip', columns: ['c'] },
      { op: 'strip', columns: ['b'] },
    ]);
    store.getState().moveStep(1, -1);
    assert.deepEqual(
      store.getState().steps.map((s) => (s.op === 'strip' ? s.columns[0] : '')),
      ['b', 'c'],
    );
    store.getState().moveStep(0, -1);
    store.getState().removeStep(0);
    assert.deepEqual(store.getState().steps, [{ op: 'strip', columns: ['c'] }]);
    store.getState().undo();
    assert.equal(store.getState().steps.length, 2);
    store.getState().undo();
    store.getState().undo();
    assert.deepEqual(store.getState().steps, [
      { op: 'strip', columns: ['a'] },
      { op: 'strip', columns: ['b'] },
    ]);
    store.getState().redo();
    store.getState().redo();
    assert.deepEqual(store.getState().steps, [
      { op: 'strip', columns: ['b'] },
      { op: 'strip', columns: ['c'] },
    ]);
    store.getState().removeStep(0);
    assert.equal(store.getState().future.length, 0, 'a new edit forgets the redo');
  });

  it('shows the problem the engine finds on its step', async () => {
    const { client, store } = setup();
    client.answer('clean.check', {
      problems: [
        { step: 1, field: 'expression', message: 'Step 2 (formula): the expression does not parse.' },
      ],
    });
    client.fail('clean.preview', 'Step 2 (formula): the expression does not parse.');
    addStrip(store);
    store.getState().startDraft('formula');
    store.getState().setDraftValues({ name: 'x', expression: '1 +' });
    store.getState().commitDraft();
    await quiet();
    const { problems, previewError } = store.getState();
    assert.deepEqual(
      problems.map((p) => [p.step, p.field]),
      [[1, 'expression']],
    );
    assert.match(previewError ?? '', /does not parse/);
  });

  it('ignores a preview that answers after a newer one was asked', async () => {
    const { client, store } = setup();
    let release: () => void = () => undefined;
    client.answer('clean.preview', (r) =>
      r.recipe.steps.length === 1
        ? new Promise((resolve) => (release = () => resolve(preview(99))))
        : preview(r.recipe.steps.length),
    );
    addStrip(store);
    await quiet();
    addStrip(store);
    await quiet();
    release();
    await quiet();
    assert.equal(store.getState().preview?.steps.length, 2);
  });

  it('applies the recipe as a job and opens the new version', async () => {
    const { client, store, opened, toasts } = setup();
    const made = version('v2', 2);
    client.answer('clean.apply', { jobId: 'j1' });
    client.answer('jobs.wait', { version: made, steps: preview(1).steps } satisfies ApplyResult);
    addStrip(store);
    await store.getState().apply('movies');
    assert.deepEqual(client.requests('clean.apply')[0], {
      version: 'v1',
      recipe: { steps: [{ op: 'strip', columns: ['Title'] }] },
      name: 'movies',
    });
    assert.equal(store.getState().applied?.version.id, 'v2');
    assert.deepEqual(opened, [made]);
    assert.equal(store.getState().steps.length, 0, 'the next recipe starts on the new version');
    assert.match(toasts.getState().toasts[0]?.message ?? '', /movies@2/);
    store.getState().undo();
    assert.equal(store.getState().steps.length, 1, 'undo brings the applied steps back');
  });

  it("says why an application failed, in the engine's words, and keeps the recipe", async () => {
    const { client, store, opened } = setup();
    client.answer('clean.apply', { jobId: 'j1' });
    client.fail('jobs.wait', 'Step 1 (cast): 80% of "Year" would become NULL.');
    addStrip(store);
    await store.getState().apply();
    assert.match(store.getState().applyError ?? '', /would become NULL/);
    assert.equal(store.getState().applying, null);
    assert.equal(store.getState().steps.length, 1);
    assert.equal(opened.length, 0);
  });

  it('cancels an application', async () => {
    const { client, store } = setup();
    let rejectWait: (e: Error) => void = () => undefined;
    client.answer('clean.apply', { jobId: 'j1' });
    client.answer('jobs.wait', () => new Promise((_resolve, reject) => (rejectWait = reject)));
    client.answer('jobs.cancel', () => {
      rejectWait(new ApiError('CANCELLED', 'The job was cancelled.'));
      return { cancelled: true } as never;
    });
    addStrip(store);
    const applying = store.getState().apply();
    await settle();
    client.emit('job.progress', jobEvent('j1', 'running', { fraction: 0.3, stage: 'Step 1 of 1' }));
    assert.equal(store.getState().applying?.stage, 'Step 1 of 1');
    store.getState().cancelApply();
    await applying;
    assert.deepEqual(client.requests('jobs.cancel'), [{ jobId: 'j1' }]);
    assert.equal(store.getState().applyError, APPLY_CANCELLED);
    assert.equal(store.getState().applied, null);
  });

  it('saves a recipe by name and opens it again, passing its name when applied unchanged', async () => {
    const { client, store } = setup();
    const saved = (steps: unknown) => ({
      name: 'tidy',
      number: 1,
      description: '',
      createdAt: '',
      recipe: { steps },
    });
    client.answer('recipes.save', (r) => saved(r.recipe.steps) as never);
    client.answer('recipes.list', []);
    client.answer('recipes.get', saved([{ op: 'strip', columns: ['b'] }]) as never);
    addStrip(store);
    await store.getState().saveRecipe('tidy');
    assert.equal(store.getState().recipe?.name, 'tidy');
    await store.getState().openRecipe('tidy');
    assert.deepEqual(store.getState().steps, [{ op: 'strip', columns: ['b'] }]);
    client.answer('clean.apply', { jobId: 'j2' });
    client.answer('jobs.wait', { version: version('v2', 2), steps: [] });
    await store.getState().apply();
    assert.equal(client.requests('clean.apply')[0]?.recipeName, 'tidy');
  });

  it('asks for the code in the language chosen', async () => {
    const { client, store } = setup();
    addStrip(store);
    store.getState().setLanguage('pandas');
    await quiet();
    assert.equal(store.getState().code, '-- 1 steps (pandas)');
    assert.equal(client.requests('clean.code').at(-1)?.language, 'pandas');
  });
});
