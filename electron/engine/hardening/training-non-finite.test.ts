/**
 * Numbers a model cannot use — ±Infinity, NaN, values near the largest double, text in a
 * numeric column at prediction — are read as missing and said so in a sentence naming
 * the column and the count; they never turn a model into a constant.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Rng } from '../training/learners/random';
import { importFiles } from '../../testing/dataset-fixtures';
import { withTempEngine } from '../../testing/temp-engine';

/** y depends on x1 and x2; "wild" follows x1 but holds ±1e308 and ±inf in a few rows. */
function writeCsv(file: string, rows: number, seed: number, wild: (i: number, x: number) => string): void {
  const rng = new Rng(seed);
  const lines = ['x1,x2,wild,y'];
  for (let i = 0; i < rows; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    const y = x1 + 0.5 * x2 + 0.5 * rng.normal() > 0 ? 'yes' : 'no';
    lines.push(`${x1},${x2},${wild(i, x1)},${y}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

test('infinite and huge values train a real logistic regression and are reported by column', async () => {
  await withTempEngine(async (engine, dir) => {
    const file = path.join(dir, 'wild.csv');
    const extreme = ['1e308', '-1e308', 'inf', '-inf', '1.7976931348623157e308'];
    writeCsv(file, 600, 5, (i, x) =>
      i % 100 === 7 ? extreme[((i / 100) % extreme.length) | 0]! : String(x),
    );
    const version = await importFiles(engine, [file]);
    assert.equal(version.columns.find((c) => c.name === 'wild')?.type, 'DOUBLE');
    for (const algorithm of ['logistic_regression', 'mlp', 'gbdt'] as const) {
      const { jobId } = await engine.call('train.start', {
        version: version.id,
        target: 'y',
        algorithms: [
          {
            algorithm,
            params: algorithm === 'mlp' ? { epochs: 30, hidden_layers: [16], learning_rate: 0.01 } : {},
          },
        ],
        validation: { kind: 'kfold', folds: 3 },
      });
      const [run] = (await engine.call('jobs.wait', { jobId })) as Array<{
        status: string;
        metrics: { auc?: number };
        warnings?: string[];
        error?: string;
      }>;
      assert.equal(run?.status, 'succeeded', run?.error);
      assert.ok((run.metrics.auc ?? 0) > 0.8, `${algorithm} AUC ${run.metrics.auc}`);
      assert.ok(
        run.warnings?.includes(
          '2 values of "wild" are infinite or not a number; they are treated as missing.',
        ),
        JSON.stringify(run.warnings),
      );
    }
  });
});

test('text in a numeric column at prediction is reported with the column and the count', async () => {
  await withTempEngine(async (engine, dir) => {
    const train = path.join(dir, 'train.csv');
    writeCsv(train, 300, 6, (_, x) => String(x));
    const version = await importFiles(engine, [train]);
    const { jobId } = await engine.call('train.start', {
      version: version.id,
      target: 'y',
      algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 10 } }],
    });
    const [run] = (await engine.call('jobs.wait', { jobId })) as Array<{ id: string; status: string }>;
    assert.equal(run?.status, 'succeeded');
    const score = path.join(dir, 'score.csv');
    writeCsv(score, 50, 7, (i, x) => (i % 10 === 3 ? 'abc' : i === 4 ? '' : String(x)));
    const predicted = await engine.call('runs.predict', {
      runId: run.id,
      path: score,
      out: path.join(dir, 'out.csv'),
    });
    const outcome = (await engine.call('jobs.wait', { jobId: predicted.jobId })) as {
      rows: number;
      warnings: string[];
    };
    assert.equal(outcome.rows, 50);
    assert.deepEqual(outcome.warnings, [
      '5 values of "wild" (such as "abc") are not a number; they are treated as missing.',
    ]);
    const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === predicted.jobId);
    assert.match(job?.stage ?? '', /5 values of "wild" \(such as "abc"\) are not a number/);
  });
});
