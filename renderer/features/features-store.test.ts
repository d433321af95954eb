/**
 * The Features store against a scripted client: the builder (preview, add, undo, apply,
 * cancel), the ranking (job, sort, error, cancel), feature sets (search, save, open) and
 * the point-in-time join (form pre-filled, job, error sentence, cancel).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplyResult, CleanPreview } from '../../shared/clean/clean-api';
import type { DatasetVersion } from '../../shared/datasets';
import { ApiError } from '../../shared/errors';
import { createToastStore } from '../shell/toast-store';
import { FakeClient, jobEvent, settle } from '../testing/fake-client';
import type {
  FeatureJoinResult,
  FeatureSetUsage,
  FeatureSetVersion,
} from '../../shared/features/feature-sets';
import type { FeatureRanking, FeatureScore } from '../../shared/features/ranking';
import { APPLY_CANCELLED } from './builder-slice';
import { createFeaturesStore } from './features-store';
import { JOIN_CANCELLED, joinRequest } from './join-slice';
import { RANK_CANCELLED, sortedScores } from './ranking-slice';
import { matchingSets, SAVE_CANCELLED } from './sets-slice';

const version = (id: string, number = 1) =>
  ({
    id,
    dataset: 'weather',
    number,
    rows: 3,
    columns: [
      { name: 'date', type: 'DATE' },
      { name: 'temp_max', type: 'DOUBLE' },
    ],
  }) as DatasetVersion;

const preview = (stepCount: number): CleanPreview => ({
  page: new Uint8Array(),
  before: null,
  columns: [],
  steps: Array.from({ length: stepCount }, (_v, index) => ({
    index,
    op: 'formula',
    rowsBefore: 3,
    rowsAfter: 3,
    columns: [],
    addedColumns: [`f${index}`],
    removedColumns: [],
    changedColumns: [],
    changedCells: 0,
  })),
  sampled: false,
  sampleRows: 3,
  sql: '',
  elapsedMs: 1,
});

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
    .answer('clean.check', { problems: [] });
  const store = createFeaturesStore(client, toasts, { debounceMs: 0, openVersion: (v) => opened.push(v) });
  store.getState().setVersion(version('v1'));
  return { client, toasts, store, opened };
}

type Store = ReturnType<typeof setup>['store'];

function addFormula(store: Store, name: string) {
  store.getState().startDraft('formula');
  store.getState().setDraftValues({ name, expression: 'temp_max * 2' });
  assert.equal(store.getState().commitDraft(), true);
}

describe('features store: builder', () => {
  it('previews the draft as the last step before it is added, on a page of 1000 rows', async () => {
    const { client, store } = setup();
    store.getState().startDraft('formula');
    store.getState().setDraftValues({ name: 'double', expression: 'temp_max * 2' });
    await quiet();
    const asked = client.requests('clean.preview').at(-1)!;
    assert.deepEqual(asked.recipe.steps, [{ op: 'formula', name: 'double', expression: 'temp_max * 2' }]);
    assert.equal(asked.limit, 1000);
    assert.equal(store.getState().steps.length, 0, 'not added yet');
    assert.equal(store.getState().preview?.steps[0]?.addedColumns[0], 'f0');
    assert.equal(store.getState().commitDraft(), true);
    assert.equal(store.getState().steps.length, 1);
    assert.equal(store.getState().draft, null);
  });

  it('starts an ordered operation on the date column of a time series', () => {
    const { store } = setup();
    store.getState().startDraft('fill_missing');
    assert.equal(store.getState().draft?.values.order_by, 'date');
  });

  it('refuses a draft that is not a valid step', () => {
    const { store } = setup();
    store.getState().startDraft('formula');
    assert.equal(store.getState().commitDraft(), false);
    assert.equal(store.getState().steps.length, 0);
  });

  it('removes a feature and brings it back with undo', () => {
    const { store } = setup();
    addFormula(store, 'a');
    addFormula(store, 'b');
    store.getState().removeStep(0);
    assert.deepEqual(
      store.getState().steps.map((s) => (s.op === 'formula' ? s.name : s.op)),
      ['b'],
    );
    store.getState().undo();
    assert.equal(store.getState().steps.length, 2);
    store.getState().redo();
    assert.equal(store.getState().steps.length, 1);
  });

  it("shows the engine's sentence when the preview fails", async () => {
    const { client, store } = setup();
    client.fail('clean.preview', 'Step 1 (formula): the column "nope" does not exist.');
    store.getState().startDraft('formula');
    store.getState().setDraftValues({ name: 'x', expression: 'nope + 1' });
    await quiet();
    assert.equal(store.getState().previewError, 'Step 1 (formula): the column "nope" does not exist.');
  });

  it('applies the features as a job, opens the new version and starts afresh on it', async () => {
    const { client, store, opened } = setup();
    const made = version('v2', 2);
    client
      .answer('clean.apply', { jobId: 'j1' })
      .answer('jobs.wait', { version: made, steps: [] } satisfies ApplyResult);
    addFormula(store, 'a');
    await store.getState().apply();
    assert.equal(client.requests('clean.apply')[0]?.version, 'v1');
    assert.equal(store.getState().applied?.version.id, 'v2');
    assert.equal(store.getState().steps.length, 0);
    assert.deepEqual(
      opened.map((v) => v.id),
      ['v2'],
    );
    store.getState().setVersion(made);
    assert.equal(store.getState().applied?.version.id, 'v2', 'the result stays on screen');
  });

  it('cancels an application, leaving the features in place', async () => {
    const { client, store } = setup();
    let rejectWait: (e: Error) => void = () => undefined;
    client
      .answer('clean.apply', { jobId: 'j1' })
      .answer('jobs.wait', () => new Promise((_resolve, reject) => (rejectWait = reject)))
      .answer('jobs.cancel', () => {
        rejectWait(new ApiError('CANCELLED', 'The job was cancelled.'));
        return { cancelled: true };
      });
    addFormula(store, 'a');
    const applying = store.getState().apply();
    await settle();
    client.emit('job.progress', jobEvent('j1', 'running', { fraction: 0.4, stage: 'Writing' }));
    assert.equal(store.getState().applying?.stage, 'Writing');
    store.getState().cancelApply();
    await applying;
    assert.equal(store.getState().applyError, APPLY_CANCELLED);
    assert.equal(store.getState().steps.length, 1);
  });
});

const score = (column: string, rank: number, mi: number, p: number | null): FeatureScore => ({
  column,
  type: 'DOUBLE',
  kind: 'numeric',
  mutualInformation: mi,
  test: { name: 'f_regression', statistic: 1, pValue: p, rows: 3 },
  correlation: mi,
  correlationKind: 'pearson',
  gainRatio: mi / 2,
  importance: mi,
  rank,
  missing: 0,
});

const ranking = (target: string): FeatureRanking => ({
  dataset: 'weather',
  version: 1,
  versionId: 'v1',
  target,
  task: 'regression',
  rows: 3,
  sampledRows: 3,
  boostingRows: 3,
  bins: 10,
  redundancyThreshold: 0.95,
  boosting: { trees: 50, depth: 3 },
  features: [score('a', 1, 0.9, 0.01), score('b', 2, 0.5, null), score('c', 3, 0.1, 0.5)],
  skipped: [],
  seconds: 0.1,
});

describe('features store: ranking', () => {
  it('ranks the version in hand against a target as a job and sorts the table', async () => {
    const { client, store } = setup();
    client.answer('features.rank', { jobId: 'r1' }).answer('jobs.wait', ranking('temp_max'));
    store.getState().setRankTarget('temp_max');
    await store.getState().rank();
    assert.deepEqual(client.requests('features.rank'), [
      { dataset: 'weather', version: 1, target: 'temp_max' },
    ]);
    const s = store.getState();
    assert.equal(s.rankProgress, null);
    assert.deepEqual(
      sortedScores(s.ranking!, s.sort).map((f) => f.column),
      ['a', 'b', 'c'],
    );
    store.getState().sortBy('pValue');
    assert.deepEqual(
      sortedScores(store.getState().ranking!, store.getState().sort).map((f) => f.column),
      ['a', 'c', 'b'],
      'smallest p-value first, undefined last',
    );
    store.getState().sortBy('pValue');
    assert.equal(store.getState().sort.descending, true);
    store.getState().sortBy('importance');
    assert.deepEqual(store.getState().sort, { key: 'importance', descending: true });
  });

  it("shows the engine's sentence, and forgets the ranking for another target or version", async () => {
    const { client, store } = setup();
    client
      .answer('features.rank', { jobId: 'r1' })
      .fail('jobs.wait', 'The target "date" has one value per row.');
    store.getState().setRankTarget('date');
    await store.getState().rank();
    assert.equal(store.getState().rankError, 'The target "date" has one value per row.');
    client.answer('jobs.wait', ranking('temp_max'));
    store.getState().setRankTarget('temp_max');
    assert.equal(store.getState().rankError, null);
    await store.getState().rank();
    assert.ok(store.getState().ranking);
    store.getState().setVersion(version('v2', 2));
    assert.equal(store.getState().ranking, null);
  });

  it('cancels a ranking', async () => {
    const { client, store } = setup();
    let rejectWait: (e: Error) => void = () => undefined;
    client
      .answer('features.rank', { jobId: 'r1' })
      .answer('jobs.wait', () => new Promise((_resolve, reject) => (rejectWait = reject)))
      .answer('jobs.cancel', () => {
        rejectWait(new ApiError('CANCELLED', 'The job was cancelled.'));
        return { cancelled: true };
      });
    store.getState().setRankTarget('temp_max');
    const ranking = store.getState().rank();
    await settle();
    client.emit('job.progress', jobEvent('r1', 'running', { fraction: 0.5, stage: 'Boosting' }));
    assert.equal(store.getState().rankProgress?.stage, 'Boosting');
    store.getState().cancelRank();
    await ranking;
    assert.equal(store.getState().rankError, RANK_CANCELLED);
  });
});

const setVersion = (n: number, extra: Partial<FeatureSetVersion> = {}): FeatureSetVersion => ({
  name: 'weather_daily',
  version: n,
  description: 'Lagged temperatures',
  owner: 'ana',
  tags: ['weather'],
  entity: ['station'],
  timeColumn: 'date',
  ttl: null,
  ttlSeconds: null,
  features: [{ name: 'temp_lag1', type: 'DOUBLE' }],
  recipe: null,
  source: { version: 'v1', label: 'weather@1' },
  materialised: { version: `m${n}`, label: `weather_daily@${n}` },
  rows: 3,
  tiedRows: 0,
  createdAt: '2026-11-29T00:00:00Z',
  ...extra,
});

describe('features store: feature sets', () => {
  it('searches the catalogue by name, tag, owner or feature', () => {
    const sets = [
      { name: 'weather_daily', versions: [1], latest: setVersion(1) },
      {
        name: 'prices',
        versions: [1],
        latest: setVersion(1, { name: 'prices', tags: ['finance'], owner: 'bo' }),
      },
    ];
    const names = (q: string) => matchingSets(sets, q).map((s) => s.name);
    assert.deepEqual(names(''), ['weather_daily', 'prices']);
    assert.deepEqual(names('finance'), ['prices']);
    assert.deepEqual(names('LAG1 ana'), ['weather_daily']);
    assert.deepEqual(names('nothing'), []);
  });

  it('saves a set as a job, then lists it and opens its new version with its usage', async () => {
    const { client, store, toasts } = setup();
    const usage: FeatureSetUsage = { runs: [], bundles: [] };
    client
      .answer('featureSets.create', { jobId: 's1' })
      .answer('jobs.wait', setVersion(2))
      .answer('featureSets.list', [{ name: 'weather_daily', versions: [1, 2], latest: setVersion(2) }])
      .answer('featureSets.versions', [setVersion(1), setVersion(2)])
      .answer('featureSets.usage', usage)
      .answer('datasets.version', (r) =>
        r.version === 'v1'
          ? { ...version('v1', 2), lineage: { kind: 'recipe', parent: 'v0' } as DatasetVersion['lineage'] }
          : { ...version('v0', 1), lineage: { kind: 'import' } as DatasetVersion['lineage'] },
      );
    const request = { name: 'weather_daily', dataset: 'v1', entity: ['station'], timeColumn: 'date' };
    const made = await store.getState().saveSet(request);
    assert.equal(made?.version, 2);
    assert.deepEqual(client.requests('featureSets.create'), [request]);
    const s = store.getState();
    assert.equal(s.sets.length, 1);
    assert.equal(s.open?.version, 2);
    assert.equal(s.usage, usage);
    assert.deepEqual(
      s.ancestry.map((v) => v.id),
      ['v0', 'v1'],
      'the lineage follows the source back to its import',
    );
    assert.match(toasts.getState().toasts[0]?.message ?? '', /weather_daily@2/);
    await store.getState().openSet('weather_daily', 1);
    assert.equal(store.getState().open?.version, 1);
  });

  it("keeps the form's sentence when a save fails, and cancels one", async () => {
    const { client, store } = setup();
    client
      .answer('featureSets.create', { jobId: 's1' })
      .fail('jobs.wait', 'The entity column "station" does not exist.');
    const request = { name: 'w', dataset: 'v1', entity: ['station'], timeColumn: 'date' };
    assert.equal(await store.getState().saveSet(request), null);
    assert.equal(store.getState().saveError, 'The entity column "station" does not exist.');
    let rejectWait: (e: Error) => void = () => undefined;
    client
      .answer('jobs.wait', () => new Promise((_resolve, reject) => (rejectWait = reject)))
      .answer('jobs.cancel', () => {
        rejectWait(new ApiError('CANCELLED', 'The job was cancelled.'));
        return { cancelled: true };
      });
    const saving = store.getState().saveSet(request);
    await settle();
    store.getState().cancelSave();
    await saving;
    assert.equal(store.getState().saveError, SAVE_CANCELLED);
    assert.equal(store.getState().saving, null);
  });

  it('says why a set cannot be opened', async () => {
    const { client, store } = setup();
    client.fail('featureSets.versions', 'There is no feature set named "gone".', 'NOT_FOUND');
    client.answer('featureSets.usage', { runs: [], bundles: [] });
    await store.getState().openSet('gone');
    assert.equal(store.getState().detailError, 'There is no feature set named "gone".');
  });

  it('lists the sets of another workspace when one is opened', async () => {
    const { client, store } = setup();
    client.answer('featureSets.list', [{ name: 'weather_daily', versions: [1], latest: setVersion(1) }]);
    await store.getState().loadSets();
    client.answer('featureSets.list', []);
    client.emit('workspace.changed', { root: '/other', name: 'other' } as never);
    await settle();
    assert.deepEqual(store.getState().sets, []);
    assert.equal(store.getState().open, null);
  });
});

const labelsVersion = (id: string, number: number) =>
  ({
    id,
    dataset: 'labels',
    number,
    rows: 4,
    columns: [
      { name: 'station', type: 'VARCHAR' },
      { name: 'day', type: 'DATE' },
      { name: 'rained', type: 'BIGINT' },
    ],
  }) as DatasetVersion;

const joined: FeatureJoinResult = {
  version: 'j1',
  label: 'labels_training@1',
  rows: 4,
  columns: 4,
  sets: [
    {
      name: 'weather_daily',
      version: 2,
      ttlSeconds: 172_800,
      matchedRows: 2,
      matchedShare: 0.5,
      columns: ['temp_lag1'],
    },
  ],
  durationMs: 12,
};

/** A store with one set in the catalogue and the label table chosen, ready to join. */
async function joinSetup() {
  const made = setup();
  made.client
    .answer('featureSets.list', [{ name: 'weather_daily', versions: [1, 2], latest: setVersion(2) }])
    .answer('datasets.versions', [labelsVersion('l1', 1), labelsVersion('l2', 2)]);
  await made.store.getState().loadSets();
  await made.store.getState().chooseLabels('labels', 'l1');
  made.store.getState().addJoinSet('weather_daily');
  return made;
}

describe('features store: point-in-time join', () => {
  it('pre-fills the keys from the set, and asks for what is missing', async () => {
    const { store } = await joinSetup();
    const { join } = store.getState();
    assert.equal(join.labels?.id, 'l1');
    assert.deepEqual(join.entity, ['station'], 'the label column named as the set key');
    assert.equal(join.timeColumn, 'day', 'no "date" among the labels: their first date column');
    assert.equal(join.name, 'labels_training');
    store.getState().editJoin({ entity: [''] });
    assert.equal(joinRequest(store.getState().join).missing, 'Choose the label column for each entity key.');
  });

  it('joins as a job with the ttl override and shows the matched share', async () => {
    const { client, store, toasts } = await joinSetup();
    store.getState().editJoinSet(0, { version: 2, ttl: ' 2d ' });
    store.getState().editJoin({ prefix: true });
    client.answer('featureSets.join', { jobId: 'pj' }).answer('jobs.wait', joined);
    const made = await store.getState().runJoin();
    assert.equal(made, joined);
    assert.deepEqual(client.requests('featureSets.join'), [
      {
        labels: 'l1',
        entity: ['station'],
        timeColumn: 'day',
        sets: [{ name: 'weather_daily', version: 2, ttl: '2d' }],
        name: 'labels_training',
        prefix: true,
      },
    ]);
    assert.equal(store.getState().joined?.sets[0]?.matchedShare, 0.5);
    assert.equal(store.getState().joining, null);
    assert.match(toasts.getState().toasts[0]?.message ?? '', /labels_training@1/);
    store.getState().editJoin({ name: 'other' });
    assert.equal(store.getState().joined, null, 'a changed form forgets the result');
  });

  it("keeps the engine's sentence beside the form, and cancels a join", async () => {
    const { client, store } = await joinSetup();
    const sentence =
      'Feature "temp_lag1" of set weather_daily@2 would be named "temp_lag1", like a column of the labels.';
    client.answer('featureSets.join', { jobId: 'pj' }).fail('jobs.wait', sentence);
    assert.equal(await store.getState().runJoin(), null);
    assert.equal(store.getState().joinError, sentence);
    let rejectWait: (e: Error) => void = () => undefined;
    client
      .answer('jobs.wait', () => new Promise((_resolve, reject) => (rejectWait = reject)))
      .answer('jobs.cancel', () => {
        rejectWait(new ApiError('CANCELLED', 'The job was cancelled.'));
        return { cancelled: true };
      });
    const joining = store.getState().runJoin();
    await settle();
    client.emit('job.progress', jobEvent('pj', 'running', { fraction: 0.3, stage: 'Joining' }));
    assert.equal(store.getState().joining?.stage, 'Joining');
    assert.equal(store.getState().joinError, null, 'a new try clears the old sentence');
    store.getState().cancelJoin();
    assert.equal(await joining, null);
    assert.equal(store.getState().joinError, JOIN_CANCELLED);
    assert.equal(store.getState().joining, null);
  });

  it('takes a set version from the catalogue, once', async () => {
    const { store } = await joinSetup();
    store.getState().addJoinSet('weather_daily', 1);
    assert.deepEqual(store.getState().join.sets, [{ name: 'weather_daily', version: 1, ttl: '' }]);
    store.getState().removeJoinSet(0);
    assert.equal(joinRequest(store.getState().join).missing, 'Add at least one feature set.');
  });
});
