/** The live curve: one point per reported iteration, restarted on a new fold. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunProgress } from '../../shared/training';
import { waitingRun, withProgress, type LiveRun } from './live-run';

const progress = (iteration: number, extra: Partial<RunProgress> = {}): RunProgress => ({
  runId: 'r1',
  jobId: 'j1',
  stage: 'Boosting',
  iteration,
  total: 100,
  trainLoss: 1 / iteration,
  validLoss: 1.1 / iteration,
  ...extra,
});

function follow(events: RunProgress[]): LiveRun {
  return events.reduce((run, p) => ({ ...run, ...withProgress(run, p) }), waitingRun('r1', 'gbdt'));
}

describe('live run curve', () => {
  it('appends each report as its own point, with the loss it reported (no straight line first → last)', () => {
    const run = follow([1, 2, 3, 10, 40].map((i) => progress(i)));
    assert.deepEqual(
      run.curve.map((p) => p.iteration),
      [1, 2, 3, 10, 40],
    );
    assert.deepEqual(
      run.curve.map((p) => p.trainLoss),
      [1, 1 / 2, 1 / 3, 1 / 10, 1 / 40],
    );
    assert.equal(run.iteration, 40);
  });

  it('keeps only the latest fold, and ignores reports without a loss', () => {
    const run = follow([
      progress(1, { fold: 1, folds: 2 }),
      progress(2, { fold: 1, folds: 2 }),
      progress(1, { fold: 2, folds: 2 }),
      { runId: 'r1', jobId: 'j1', stage: 'Scoring', iteration: 1, total: 100, fold: 2, folds: 2 },
    ]);
    assert.deepEqual(
      run.curve.map((p) => p.iteration),
      [1],
    );
    assert.equal(run.stage, 'Scoring');
  });
});
