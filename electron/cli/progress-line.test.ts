/** The CLI's progress line: what a person sees on a terminal for one `job.progress` record. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobProgress } from '../../shared/jobs';
import { progressLine } from './progress-line';

const base: JobProgress = {
  jobId: 'j',
  kind: 'import',
  label: 'Importing cars.json',
  state: 'running',
  fraction: null,
  stage: 'Reading rows',
  startedAt: 0,
  etaMs: null,
};

describe('progressLine', () => {
  it('shows the stage, a bar with its percentage, the units done and the time left', () => {
    assert.equal(progressLine(base, 100), 'Reading rows');
    assert.equal(
      progressLine({ ...base, fraction: 0.5, done: 1500, total: 3000, unit: 'rows', etaMs: 90_000 }, 100),
      'Reading rows  [##########          ] 50%  1,500 of 3,000 rows  about 2 min left',
    );
  });

  it('never runs past the terminal, so the line rewrites in place', () => {
    const line = progressLine({ ...base, stage: 'x'.repeat(200), fraction: 0.1 }, 40);
    assert.equal(line.length, 39);
    assert.ok(line.endsWith('…'));
  });
});
