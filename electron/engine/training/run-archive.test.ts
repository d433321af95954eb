/**
 * The run archive through the contract: archived runs leave the runs list but keep their
 * record and model until the archive is emptied, which deletes both for good.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { importFiles } from '../../testing/dataset-fixtures';
import { withTempEngine } from '../../testing/temp-engine';

const PENGUINS = path.resolve('node_modules/vega-datasets/data/penguins.json');

test('archive hides runs, restore brings them back, emptying deletes rows and model files', async () => {
  await withTempEngine(async (engine) => {
    const version = await importFiles(engine, [PENGUINS]);
    const started = await engine.training.start({
      version: version.id,
      target: 'Species',
      algorithms: [{ algorithm: 'baseline' }, { algorithm: 'logistic_regression' }],
    });
    const [a, b] = await started.outcome;
    assert.ok(a && b && a.modelPath && b.modelPath);
    const ids = async (archived?: boolean) =>
      (await engine.call('runs.list', archived === undefined ? {} : { archived })).map((r) => r.id).sort();

    assert.deepEqual(await engine.call('runs.archive', { runIds: [a.id] }), { archived: 1 });
    assert.deepEqual(await ids(), [b.id]);
    assert.deepEqual(await ids(true), [a.id]);
    const archived = await engine.call('runs.get', { runId: a.id });
    assert.ok(archived.archivedAt, 'the record says when it was archived');
    assert.ok(fs.existsSync(a.modelPath), 'the model is kept while archived');
    // Archiving twice changes nothing.
    assert.deepEqual(await engine.call('runs.archive', { runIds: [a.id] }), { archived: 0 });

    assert.deepEqual(await engine.call('runs.restore', { runIds: [a.id] }), { restored: 1 });
    assert.deepEqual(await ids(), [a.id, b.id].sort());
    assert.equal((await engine.call('runs.get', { runId: a.id })).archivedAt, undefined);

    await engine.call('runs.archive', { runIds: [a.id, b.id] });
    assert.deepEqual(await ids(), []);
    assert.deepEqual(await engine.call('runs.emptyArchive', {}), { deleted: 2 });
    assert.deepEqual(await ids(true), []);
    assert.ok(!fs.existsSync(path.dirname(a.modelPath)), 'model files go with the archive');
    assert.ok(!fs.existsSync(path.dirname(b.modelPath)));
    await assert.rejects(engine.call('runs.get', { runId: a.id }), /no run/);
    await assert.rejects(engine.call('runs.archive', { runIds: [] }), /at least one run/);
  });
});
