/**
 * Feature ranking over a real engine and DuckDB. The reference figures come from
 * scikit-learn 1.2 (`f_classif`, `f_regression`, `mutual_info_score`) and SciPy 1.10
 * (`chi2_contingency` without correction, `f_oneway`, `stats.f.sf`) run once on the same
 * CSV files (ranking-fixtures.ts); the tiny table's are also easy to redo by hand.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { FeatureRankRequest, FeatureRanking, FeatureScore } from '../../../../shared/features/ranking';
import { importFiles } from '../../../testing/dataset-fixtures';
import { withTempEngine } from '../../../testing/temp-engine';
import type { Engine } from '../../index';
import { binCategories, binNumbers } from './binning';
import { fPValue } from './f-distribution';
import { lcg, writeMixedCsv, writeTinyCsv } from './ranking-fixtures';

async function rank(engine: Engine, request: FeatureRankRequest): Promise<FeatureRanking> {
  const { jobId } = await engine.call('features.rank', request);
  return (await engine.call('jobs.wait', { jobId })) as FeatureRanking;
}

function feature(ranking: FeatureRanking, column: string): FeatureScore {
  const found = ranking.features.find((f) => f.column === column);
  assert.ok(found, `${column} is ranked`);
  return found;
}

function close(actual: number | null | undefined, expected: number, relative = 1e-9): void {
  assert.ok(actual !== null && actual !== undefined, `expected ${expected}, got ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-300),
    `expected ${expected}, got ${actual}`,
  );
}

test('the F tail matches SciPy (stats.f.sf)', () => {
  close(fPValue(3.2, 2, 50), 0.04923483749452285, 1e-10);
  close(fPValue(0.5, 1, 10), 0.49564750438311966, 1e-10);
  close(fPValue(25, 3, 1000), 1.3351431919612128e-15, 1e-8);
  close(fPValue(120, 2, 997), 2.0102087231476968e-47, 1e-8);
  assert.equal(fPValue(1, 0, 10), null);
});

test('equal-frequency bins keep ties together and give missing a bin of its own', () => {
  const binned = binNumbers(Float64Array.from([1, 1, 1, 1, 2, 3, 4, 5, Number.NaN]), 4);
  // Edges at the quantiles 1 (dropped: it is the minimum), 2 and 4: bins {1}, {2, 3}, {4, 5}, missing.
  assert.deepEqual([...binned.codes], [0, 0, 0, 0, 1, 1, 2, 2, 3]);
  assert.equal(binned.count, 4);
  const few = binCategories(Int32Array.from([0, 0, 0, 1, 1, 2, 3, -1]), 4, 3);
  // The two most frequent levels keep a code, the rest share "other" (2), missing is 3.
  assert.deepEqual([...few.codes], [0, 0, 0, 1, 1, 2, 2, 3]);
  assert.equal(few.count, 4);
});

test('a tiny table gets the figures scikit-learn and SciPy give', async () => {
  await withTempEngine(async (engine, dir) => {
    await importFiles(engine, [writeTinyCsv(dir)], undefined, 'tiny');
    const ranking = await rank(engine, { dataset: 'tiny', target: 'y' });
    assert.equal(ranking.task, 'classification');
    assert.equal(ranking.rows, 12);
    assert.deepEqual(ranking.skipped, [{ column: 'y', reason: 'it is the target' }]);
    const x = feature(ranking, 'x');
    assert.equal(x.kind, 'numeric');
    assert.equal(x.test.name, 'anova_f');
    close(x.test.statistic, 30.857142857142858); // f_classif: SSB 108 / (SSW 35 / 10)
    close(x.test.pValue, 0.00024243082443224824, 1e-8);
    close(x.correlation, 0.8690481892534818); // point-biserial r with y = "b"
    assert.equal(x.correlationKind, 'pearson');
    // Twelve distinct values: one bin each, every bin pure, so plug-in MI = ln 2; less 11/24 (Miller–Madow).
    close(x.mutualInformation, Math.LN2 - 11 / 24);
    close(x.gainRatio, (Math.LN2 - 11 / 24) / Math.log(12));
    const c = feature(ranking, 'c');
    assert.equal(c.kind, 'categorical');
    assert.equal(c.test.name, 'chi2');
    close(c.test.statistic, 6);
    close(c.test.pValue, 0.04978706836786395, 1e-8);
    close(c.correlation, Math.SQRT1_2); // Cramér's V = √(6 / 12)
    close(c.mutualInformation, 0.3182570841474066 - 2 / 24); // mutual_info_score − (3−1)(2−1)/24
  });
});

test('NaN and ±∞ in a floating column count as missing, and its test uses the other rows', async () => {
  await withTempEngine(async (engine, dir) => {
    const file = path.join(dir, 'odd.csv');
    const w = ['1', '2', 'nan', 'inf', '5', '6', '7', '8', '-inf', '10', '11', '12'];
    fs.writeFileSync(file, `w,y\n${w.map((v, i) => `${v},${i < 6 ? 'a' : 'b'}`).join('\n')}\n`);
    await importFiles(engine, [file], { columnTypes: { w: 'DOUBLE' } }, 'odd');
    const ranking = await rank(engine, { dataset: 'odd', target: 'y' });
    const odd = feature(ranking, 'w');
    assert.equal(odd.missing, 3);
    assert.equal(odd.test.rows, 9);
    // f_classif on the nine finite rows.
    close(odd.test.statistic, 16.924626380766743);
    close(odd.test.pValue, 0.004493533778825605, 1e-8);
  });
});

test('an informative column ranks above noise, its duplicate is redundant, tests match scikit-learn', async () => {
  await withTempEngine(async (engine, dir) => {
    await importFiles(engine, [writeMixedCsv(dir)], undefined, 'mixed');
    const ranking = await rank(engine, {
      dataset: 'mixed',
      version: 1,
      target: 'label',
      columns: ['signal', 'signal_copy', 'noise', 'gappy', 'colour'],
    });
    assert.equal(ranking.rows, 2000);
    assert.deepEqual(
      ranking.features.map((f) => f.rank),
      [1, 2, 3, 4, 5],
    );
    const [signal, copy, noise, gappy, colour] = ['signal', 'signal_copy', 'noise', 'gappy', 'colour'].map(
      (c) => feature(ranking, c),
    ) as [FeatureScore, FeatureScore, FeatureScore, FeatureScore, FeatureScore];
    assert.ok(signal.rank < noise.rank && colour.rank < noise.rank, 'informative columns rank above noise');
    assert.ok(signal.mutualInformation > 20 * noise.mutualInformation);
    assert.ok(signal.importance > noise.importance);
    assert.deepEqual(copy.redundantWith?.column, 'signal');
    close(copy.redundantWith?.correlation, 1, 1e-9);
    assert.equal(signal.redundantWith, undefined);
    assert.equal(noise.redundantWith, undefined);
    close(signal.test.statistic, 338.0905112173363);
    close(signal.test.pValue, 6.978387245723077e-70, 1e-6);
    close(signal.correlation, 0.3804272854511203);
    close(noise.test.statistic, 2.405824663795716);
    close(noise.test.pValue, 0.12104278015054422, 1e-8);
    // Rows with a missing value are left out of its test and counted.
    assert.equal(gappy.missing, 286);
    assert.equal(gappy.test.rows, 1714);
    close(gappy.test.statistic, 0.37773311028520434);
    assert.equal(colour.test.name, 'chi2');
    close(colour.test.statistic, 160.35375992502696);
    close(colour.test.pValue, 1.5122495225422647e-35, 1e-6);
    close(colour.correlation, 0.28315522238255375);
    close(colour.mutualInformation, 0.04081597778481921 - 2 / 4000); // (3 − 1)(2 − 1) / 2n
    const shares = ranking.features.reduce((s, f) => s + f.importance, 0);
    close(shares, 1, 1e-9);
  });
});

test('a numeric target is a regression: F-regression and one-way ANOVA match scikit-learn and SciPy', async () => {
  await withTempEngine(async (engine, dir) => {
    await importFiles(engine, [writeMixedCsv(dir)], undefined, 'mixed');
    const ranking = await rank(engine, { dataset: 'mixed', target: 'amount' });
    assert.equal(ranking.task, 'regression');
    const signal = feature(ranking, 'signal');
    assert.equal(signal.rank, 1);
    assert.equal(signal.test.name, 'f_regression');
    close(signal.test.statistic, 108064.6076430676, 1e-8);
    close(signal.correlation, 0.9908817768927333);
    const noise = feature(ranking, 'noise');
    close(noise.test.statistic, 0.0498637608456306, 1e-8);
    close(noise.test.pValue, 0.823323337025629, 1e-8);
    const colour = feature(ranking, 'colour');
    assert.equal(colour.test.name, 'anova_f');
    close(colour.test.statistic, 12.299851293449292);
    close(colour.test.pValue, 4.90767168516018e-6, 1e-7);
    assert.equal(colour.correlationKind, 'eta');
  });
});

test('a random target gives near-zero mutual information and high p-values', async () => {
  await withTempEngine(async (engine, dir) => {
    await importFiles(engine, [writeMixedCsv(dir)], undefined, 'mixed');
    const ranking = await rank(engine, { dataset: 'mixed', target: 'coin' });
    assert.equal(ranking.features.length, 7);
    for (const f of ranking.features) {
      assert.ok(f.mutualInformation < 0.005, `${f.column}: MI ${f.mutualInformation}`);
      assert.ok((f.test.pValue ?? 0) > 0.1, `${f.column}: p ${f.test.pValue}`);
    }
  });
});

test('a big table is sampled for MI while numeric tests read every row', async () => {
  await withTempEngine(async (engine, dir) => {
    // 450,000 rows: over twice the 100 vectors the system sample keeps, so both sampling steps run.
    const file = path.join(dir, 'big.csv');
    const rand = lcg(777);
    const lines = ['signal,noise,label'];
    for (let i = 0; i < 450_000; i++) {
      const signal = Math.round(rand() * 100);
      lines.push(`${signal},${Math.round(rand() * 100)},${rand() < 0.2 + signal / 200 ? 1 : 0}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await importFiles(engine, [file], undefined, 'big');
    const ranking = await rank(engine, { dataset: 'big', target: 'label' });
    assert.equal(ranking.rows, 450_000);
    assert.ok(ranking.sampledRows > 25_000 && ranking.sampledRows < 35_000, `sample ${ranking.sampledRows}`);
    assert.equal(ranking.boostingRows, 10_000);
    const signal = feature(ranking, 'signal');
    assert.equal(signal.rank, 1);
    assert.equal(signal.test.rows, 450_000);
    assert.ok(signal.mutualInformation > 0.02 && feature(ranking, 'noise').mutualInformation < 0.002);
  });
});

test('a ranking can be cancelled', async () => {
  await withTempEngine(async (engine, dir) => {
    await importFiles(engine, [writeMixedCsv(dir)], undefined, 'mixed');
    const { jobId } = await engine.call('features.rank', { dataset: 'mixed', target: 'label' });
    assert.deepEqual(await engine.call('jobs.cancel', { jobId }), { cancelled: true });
    await assert.rejects(engine.call('jobs.wait', { jobId }), /cancel/i);
    const job = (await engine.call('jobs.list', {})).find((j) => j.jobId === jobId);
    assert.equal(job?.state, 'cancelled');
  });
});

test('a bad target, column or version is refused with one sentence before any job starts', async () => {
  await withTempEngine(async (engine, dir) => {
    await importFiles(engine, [writeTinyCsv(dir)], undefined, 'tiny');
    const refused = async (request: FeatureRankRequest, pattern: RegExp): Promise<void> => {
      await assert.rejects(engine.call('features.rank', request), (error: Error) => {
        assert.match(error.message, pattern);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    };
    await refused(
      { dataset: 'tiny', target: 'nope' },
      /^tiny@1 has no column "nope" to rank against; choose/,
    );
    await refused(
      { dataset: 'tiny', target: 'y', columns: ['x', 'z'] },
      /has no column "z"; list only its columns/,
    );
    await refused({ dataset: 'tiny', version: 4, target: 'y' }, /has no version 4/);
    await refused({ dataset: 'tiny', target: '' }, /target/);
    assert.equal((await engine.call('jobs.list', {})).length, 1, 'only the import ran as a job');
  });
});
