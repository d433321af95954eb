/**
 * A file that changes while it is imported fails the import with a sentence and leaves
 * the workspace as it was, whether it is cut short or grows; the DuckDB error texts of a
 * full disk and an over-long line get their own sentences.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { describeReadError } from '../datasets/import-errors';
import { snapshot } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

function bigCsv(rows: number): string {
  const file = path.join(tempDir(), 'big.csv');
  const lines = ['id,twice,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${i * 2},row number ${i} of a file that changes`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function importWhileChanging(engine: Engine, file: string, change: () => void): Promise<ApiError> {
  const job = engine.datasets.startImport({ paths: [file] });
  await new Promise<void>((resolve) => {
    const off = engine.events.on('job.progress', (p) => {
      if (p.jobId === job.jobId && /^Reading/.test(p.stage)) {
        change();
        off?.();
        resolve();
      }
    });
  });
  return job.outcome.then(
    () => assert.fail('the import of a changing file succeeded'),
    (e: ApiError) => e,
  );
}

describe('hardening: files that change during import', () => {
  for (const [what, change] of [
    ['truncated', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size * 0.35))],
    ['appended to', (f: string) => fs.appendFileSync(f, '999999,1,appended\n')],
  ] as const) {
    it(`fails when the file is ${what} while it is read, and leaves nothing`, async () => {
      await withTempEngine(async (engine) => {
        const file = bigCsv(400_000);
        const before = await snapshot(engine);
        const error = await importWhileChanging(engine, file, () => change(file));
        assert.match(
          error.message,
          /^big\.csv changed while it was being imported \(.*\); nothing was imported\./,
        );
        assert.equal(await snapshot(engine), before);
      });
    });
  }
});

describe('hardening: sentences for disk and line-size errors', () => {
  it('blames the disk, not the workspace file, when DuckDB runs out of space', () => {
    const real = 'IO Error: Could not write file "/data/ws/workspace.duckdb.wal": No space left on device';
    const error = describeReadError(new Error(real), ['/data/in/flights.csv'], true);
    assert.match(
      error.message,
      /^The disk ran out of space while importing flights\.csv; nothing was saved\./,
    );
    assert.doesNotMatch(error.message, /workspace\.duckdb|Reading/);
  });

  it('says a line is longer than the maximum line size and how to raise it', async () => {
    await withTempEngine(async (engine) => {
      const file = path.join(tempDir(), 'long.csv');
      fs.writeFileSync(file, `a,b\n1,${'x'.repeat(3 * 1024 * 1024)}\n2,y\n`);
      await assert.rejects(engine.datasets.startImport({ paths: [file] }).outcome, (e: ApiError) => {
        assert.match(
          e.message,
          /long\.csv is longer .*than DuckDB's maximum line size of [\d.]+ MB; .*maxLineSize/,
        );
        return true;
      });
      const v = await engine.datasets.startImport({
        paths: [file],
        options: { maxLineSize: 8 * 1024 * 1024 },
      }).outcome;
      assert.equal(v.rows, 2);
    });
  });
});
