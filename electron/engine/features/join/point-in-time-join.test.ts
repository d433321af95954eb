/**
 * Feature sets and the point-in-time join through the contract, on a real DuckDB: a
 * planted future value is never returned, a ttl turns stale values into NULL, ties take
 * the last recorded row, unmatched label rows stay with NULL features, and a bad request
 * or a failed join leaves the workspace as it was.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runJob } from '../../../../shared/run-job';
import type { Engine } from '../../engine';
import { importFiles, snapshot } from '../../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../../testing/temp-engine';

async function csv(engine: Engine, name: string, lines: string[]) {
  const file = path.join(tempDir(), `${name}.csv`);
  fs.writeFileSync(file, lines.join('\n'));
  return importFiles(engine, [file], { columnTypes: { ts: 'TIMESTAMP' } }, name);
}

async function rowsOf(engine: Engine, view: string): Promise<unknown[][]> {
  const reader = await engine.workspace.connection.runAndReadAll(`SELECT * FROM "${view}"`);
  return reader.getRowsJS().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

async function clicks(engine: Engine) {
  return csv(engine, 'clicks', [
    'user,ts,clicks,spend',
    '1,2024-01-01 00:00:00,5,1.5',
    '1,2024-01-10 00:00:00,7,2.5',
    // The planted future value: recorded after every label time of user 1.
    '1,2024-03-01 00:00:00,999,999',
    '2,2024-01-05 00:00:00,3,0.5',
    // Two rows at the same instant: the last recorded one (4) is the one taken.
    '2,2024-01-20 00:00:00,40,4.0',
    '2,2024-01-20 00:00:00,4,4.5',
  ]);
}

async function labels(engine: Engine) {
  return csv(engine, 'labels', [
    'id,user,ts,label',
    '1,1,2024-01-10 00:00:00,1',
    '2,1,2024-02-01 00:00:00,0',
    '3,2,2024-01-20 00:00:00,1',
    '4,2,2024-01-04 00:00:00,0',
    '5,3,2024-01-15 00:00:00,1',
    '6,1,2024-01-09 12:00:00,0',
  ]);
}

describe('feature sets and the point-in-time join', () => {
  it('never returns a future value, applies the ttl, takes the last tied row and keeps unmatched labels', async () => {
    await withTempEngine(async (engine) => {
      await clicks(engine);
      await labels(engine);
      const set = await runJob(engine.client, 'featureSets.create', {
        name: 'user_clicks',
        dataset: 'clicks',
        entity: ['user'],
        timeColumn: 'ts',
        ttl: '15d',
        description: 'Clicks per user',
        owner: 'ana',
        tags: ['web'],
      });
      assert.equal(set.version, 1);
      assert.equal(set.materialised.label, 'fs_user_clicks@1');
      assert.deepEqual(
        set.features.map((f) => f.name),
        ['clicks', 'spend'],
      );
      assert.equal(set.ttlSeconds, 15 * 86_400);
      // Of the two rows at one instant only the last recorded is kept.
      assert.equal(set.tiedRows, 1);
      assert.equal(set.rows, 5);
      assert.deepEqual(
        (await rowsOf(engine, 'fs_user_clicks@1')).map((r) => r[2]),
        [5, 7, 999, 3, 4],
      );
      const result = await runJob(engine.client, 'featureSets.join', {
        labels: 'labels',
        entity: ['user'],
        timeColumn: 'ts',
        sets: [{ name: 'user_clicks' }],
        name: 'training',
      });
      assert.equal(result.label, 'training@1');
      assert.equal(result.rows, 6);
      const rows = await rowsOf(engine, 'training@1');
      assert.deepEqual(
        rows.map((r) => [r[0], r[4], r[5]]),
        [
          [1, 7, 2.5], // at the same instant as a feature row: that row is taken
          [2, null, null], // latest is 2024-01-10, 22 days old: past the 15-day ttl
          [3, 4, 4.5], // tie at 2024-01-20: the last recorded row
          [4, null, null], // before the entity's first feature row
          [5, null, null], // an entity with no feature rows
          [6, 5, 1.5], // half a day before the 10th: the 1st's values
        ],
      );
      assert.ok(!rows.some((r) => r[4] === 999), 'the future value leaked');
      assert.equal(result.sets[0]!.matchedRows, 3);
      assert.equal(result.sets[0]!.matchedShare, 0.5);
      // Without a ttl the stale row matches, and still never the future one.
      const open = await runJob(engine.client, 'featureSets.join', {
        labels: 'labels',
        entity: ['user'],
        timeColumn: 'ts',
        sets: [{ name: 'user_clicks', ttl: 'none' }],
        name: 'training',
        prefix: true,
      });
      const wide = await rowsOf(engine, open.label);
      assert.deepEqual(wide[1]!.slice(4), [7, 2.5]);
      assert.deepEqual(open.sets[0]!.columns, ['user_clicks__clicks', 'user_clicks__spend']);
    });
  });

  it('refuses bad requests with one sentence and leaves the workspace as it was', async () => {
    await withTempEngine(async (engine) => {
      await clicks(engine);
      await labels(engine);
      const before = await snapshot(engine);
      const create = (extra: object) =>
        runJob(engine.client, 'featureSets.create', {
          name: 'c',
          dataset: 'clicks',
          entity: ['user'],
          timeColumn: 'ts',
          ...extra,
        });
      await assert.rejects(create({ timeColumn: 'when' }), /The time column "when" is not in clicks@1/);
      await assert.rejects(create({ timeColumn: 'clicks' }), /is BIGINT, not a date or a timestamp/);
      await assert.rejects(create({ ttl: '3 days' }), /is not a duration; write a whole number and a unit/);
      await assert.rejects(create({ features: ['user'] }), /cannot also be a feature/);
      assert.equal(await snapshot(engine), before);
      await create({ features: ['clicks'] });
      await create({ features: ['spend'], ttl: '30d' });
      assert.deepEqual(
        (await engine.call('featureSets.list', {})).map((s) => [s.name, s.versions, s.latest.ttl]),
        [['c', [1, 2], '30d']],
      );
      const afterSets = await snapshot(engine);
      const join = (extra: object) =>
        runJob(engine.client, 'featureSets.join', {
          labels: 'labels',
          entity: ['user'],
          timeColumn: 'ts',
          sets: [{ name: 'c' }],
          name: 'out',
          ...extra,
        });
      await assert.rejects(join({ sets: [{ name: 'c', version: 1 }, { name: 'c' }] }), /is named twice/);
      await assert.rejects(join({ labels: 'clicks', entity: ['user'] }), /like a column of the labels/);
      await assert.rejects(join({ entity: ['user', 'id'] }), /keyed by 1 column/);
      await assert.rejects(join({ sets: [{ name: 'nope' }] }), /There is no feature set named "nope"/);
      await assert.rejects(join({ timeColumn: 'label' }), /not a date or a timestamp/);
      assert.equal(await snapshot(engine), afterSets);
    });
  });
  it('joins on two key columns and a DATE label time against TIMESTAMP features', async () => {
    await withTempEngine(async (engine) => {
      await csv(engine, 'stock', [
        'shop,item,ts,qty',
        'a,x,2024-01-01 08:00:00,1',
        'a,y,2024-01-01 09:00:00,2',
        'b,x,2024-01-02 00:00:00,3',
        'a,x,2024-01-03 00:00:00,4',
      ]);
      const file = path.join(tempDir(), 'orders.csv');
      fs.writeFileSync(
        file,
        [
          'n,store,sku,day',
          '1,a,x,2024-01-02',
          '2,a,y,2024-01-02',
          '3,b,x,2024-01-02',
          '4,b,y,2024-01-05',
          '5,a,x,2024-01-03',
        ].join('\n'),
      );
      await importFiles(engine, [file], { columnTypes: { day: 'DATE' } }, 'orders');
      await runJob(engine.client, 'featureSets.create', {
        name: 'stock',
        dataset: 'stock',
        entity: ['shop', 'item'],
        timeColumn: 'ts',
      });
      const result = await runJob(engine.client, 'featureSets.join', {
        labels: 'orders',
        entity: ['store', 'sku'],
        timeColumn: 'day',
        sets: [{ name: 'stock', ttl: '1d' }],
        name: 'orders_stock',
      });
      // A DATE is its midnight: row 1 sees 08:00 of the day before (16 h old, within 1d), row 3
      // the row recorded at that very midnight, row 5 the row of its own midnight.
      assert.deepEqual(
        (await rowsOf(engine, result.label)).map((r) => [r[0], r[4]]),
        [
          [1, 1],
          [2, 2],
          [3, 3],
          [4, null],
          [5, 4],
        ],
      );
      await assert.rejects(
        runJob(engine.client, 'featureSets.join', {
          labels: 'orders',
          entity: ['n', 'sku'],
          timeColumn: 'day',
          sets: [{ name: 'stock' }],
          name: 'bad',
        }),
        /The label column "n" is BIGINT but feature set stock@1's key "shop" is VARCHAR; cast one of them/,
      );
    });
  });
  it('leaves no version and no record when a create or a join is cancelled', async () => {
    await withTempEngine(async (engine) => {
      await clicks(engine);
      await labels(engine);
      const before = await snapshot(engine);
      const create = engine.featureSets.startCreate({
        name: 'c',
        dataset: 'clicks',
        entity: ['user'],
        timeColumn: 'ts',
      });
      assert.equal(engine.jobs.cancel(create.jobId), true);
      await assert.rejects(create.outcome, /was cancelled; nothing was changed/);
      assert.equal(await snapshot(engine), before);
      assert.deepEqual(await engine.call('featureSets.list', {}), []);
      await runJob(engine.client, 'featureSets.create', {
        name: 'c',
        dataset: 'clicks',
        entity: ['user'],
        timeColumn: 'ts',
      });
      const withSet = await snapshot(engine);
      const join = engine.featureSets.startJoin({
        labels: 'labels',
        entity: ['user'],
        timeColumn: 'ts',
        sets: [{ name: 'c' }],
        name: 'out',
      });
      assert.equal(engine.jobs.cancel(join.jobId), true);
      await assert.rejects(join.outcome, /was cancelled; nothing was changed/);
      assert.equal(await snapshot(engine), withSet);
      const joins = await engine.workspace.connection.runAndReadAll(
        'SELECT count(*) FROM assay.feature_joins',
      );
      assert.equal(Number(joins.getRowsJS()[0]![0]), 0);
    });
  });
  it('applies the recipe of feature steps before choosing the features, and records it', async () => {
    await withTempEngine(async (engine) => {
      await clicks(engine);
      const recipe = {
        steps: [
          { op: 'filter' as const, expression: 'clicks < 900' },
          { op: 'rename_columns' as const, mapping: { spend: 'spend_eur' } },
        ],
      };
      const set = await runJob(engine.client, 'featureSets.create', {
        name: 'spend',
        dataset: 'clicks@1',
        entity: ['user'],
        timeColumn: 'ts',
        features: ['spend_eur'],
        recipe,
      });
      assert.deepEqual(set.recipe, recipe);
      assert.deepEqual(set.features, [{ name: 'spend_eur', type: 'DOUBLE' }]);
      // The planted 999 row is filtered out and the tie at 2024-01-20 still keeps the last.
      assert.deepEqual(
        (await rowsOf(engine, 'fs_spend@1')).map((r) => r[2]),
        [1.5, 2.5, 0.5, 4.5],
      );
      const version = await engine.call('datasets.version', { version: set.materialised.version });
      assert.equal(version.lineage.kind, 'recipe');
      await assert.rejects(
        runJob(engine.client, 'featureSets.create', {
          name: 'spend',
          dataset: 'clicks',
          entity: ['user'],
          timeColumn: 'ts',
          features: ['spend'],
          recipe,
        }),
        /The feature column "spend" is not in clicks@1 after the recipe; its columns are user, ts, clicks, spend_eur\./,
      );
    });
  });
});
