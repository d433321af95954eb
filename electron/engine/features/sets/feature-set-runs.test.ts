/**
 * A run records the feature-set versions of its training version — a point-in-time join's
 * sets, or the set a version materialises — `featureSets.usage` finds the run and its
 * bundle, and the bundle carries the sets' definitions in features/feature-sets.json,
 * listed in its manifest.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FeatureSetsFile } from './bundle-definitions';
import { runJob } from '../../../../shared/run-job';
import type { Engine } from '../../engine';
import { importFiles } from '../../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../../testing/temp-engine';

function day(i: number): string {
  return new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

async function data(engine: Engine): Promise<void> {
  const dir = tempDir();
  const clicks = ['user,ts,clicks,spend'];
  const labels = ['id,user,ts,label'];
  for (let i = 0; i < 400; i += 1) {
    const user = i % 20;
    clicks.push(`${user},${day(i % 30)} 00:00:00,${(i * 7) % 23},${(i % 9) / 2}`);
    labels.push(`${i},${user},${day((i % 30) + 1)} 00:00:00,${(i * 7) % 23 > 11 ? 1 : 0}`);
  }
  fs.writeFileSync(path.join(dir, 'clicks.csv'), clicks.join('\n'));
  fs.writeFileSync(path.join(dir, 'labels.csv'), labels.join('\n'));
  await importFiles(engine, [path.join(dir, 'clicks.csv')], undefined, 'clicks');
  await importFiles(engine, [path.join(dir, 'labels.csv')], undefined, 'labels');
}

async function train(engine: Engine, version: string, target: string, features: string[]) {
  const [run] = await runJob(engine.client, 'train.start', {
    version,
    target,
    features,
    algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 5 } }],
  });
  return run!;
}

describe('feature sets in runs and bundles', () => {
  it('records the set versions a run trained on, finds its usage and ships the definitions', async () => {
    await withTempEngine(async (engine) => {
      await data(engine);
      const set = await runJob(engine.client, 'featureSets.create', {
        name: 'user_clicks',
        dataset: 'clicks',
        entity: ['user'],
        timeColumn: 'ts',
        ttl: '7d',
        owner: 'ana',
      });
      const joined = await runJob(engine.client, 'featureSets.join', {
        labels: 'labels',
        entity: ['user'],
        timeColumn: 'ts',
        sets: [{ name: 'user_clicks', version: 1 }],
        name: 'training',
      });
      const run = await train(engine, joined.version, 'label', ['clicks', 'spend']);
      assert.equal(run.status, 'succeeded', run.error);
      assert.deepEqual(run.featureSets, [{ name: 'user_clicks', version: 1 }]);
      assert.deepEqual((await engine.call('runs.get', { runId: run.id })).featureSets, [
        { name: 'user_clicks', version: 1 },
      ]);
      // Training on the set's own rows records the set too; on plain labels, nothing.
      const own = await train(engine, set.materialised.version, 'spend', ['clicks']);
      assert.deepEqual(own.featureSets, [{ name: 'user_clicks', version: 1 }]);
      const plain = await train(engine, 'labels', 'label', ['user']);
      assert.equal(plain.featureSets, undefined);

      const bundle = await runJob(engine.client, 'bundles.export', { runId: run.id });
      const usage = await engine.call('featureSets.usage', { name: 'user_clicks', version: 1 });
      assert.deepEqual(usage.runs.map((r) => r.runId).sort(), [run.id, own.id].sort());
      assert.deepEqual(usage.bundles, [
        {
          model: bundle.model,
          version: bundle.version,
          runId: run.id,
          featureSet: { name: 'user_clicks', version: 1 },
        },
      ]);
      assert.deepEqual(
        (await engine.call('featureSets.usage', { name: 'user_clicks', version: 2 })).runs,
        [],
      );

      assert.ok(bundle.files.some((f) => f.path === 'features/feature-sets.json'));
      const file = JSON.parse(
        fs.readFileSync(path.join(bundle.folder, 'features', 'feature-sets.json'), 'utf8'),
      ) as FeatureSetsFile;
      assert.equal(file.format, 'assay-feature-sets/1');
      assert.deepEqual(
        file.featureSets.map((s) => [s.name, s.version, s.entity, s.timeColumn, s.ttl, s.owner]),
        [['user_clicks', 1, ['user'], 'ts', '7d', 'ana']],
      );
      assert.deepEqual(
        file.featureSets[0]!.features.map((f) => f.name),
        ['clicks', 'spend'],
      );
      const plainBundle = await runJob(engine.client, 'bundles.export', { runId: plain.id });
      assert.ok(!plainBundle.files.some((f) => f.path.startsWith('features/')));
    });
  });
});
