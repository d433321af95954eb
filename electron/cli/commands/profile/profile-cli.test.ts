/**
 * `assay profile --json` as a script reads it: columns keyed by name with the common
 * statistics, checked against values computed here independently with plain formulas.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runAssay } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

const assay = (args: string[]) => runAssay(args);

/** numpy's default (linear) quantile. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

describe('assay profile', () => {
  it('prints columns keyed by name whose statistics match independent computations', () => {
    const dir = tempDir();
    const csv = path.join(dir, 'scores.csv');
    const values = [3, 7, 7, 1, 12, 5.5, 9, 2, 7, 40];
    const rows = values.map((v, i) => `${i % 4 === 3 ? '' : v},${['red', 'green', 'red', 'blue'][i % 4]}`);
    fs.writeFileSync(csv, `score,colour\n${rows.join('\n')}\n`);
    const w = ['--workspace', path.join(dir, 'ws')];
    assert.equal(assay([...w, 'import', csv, '--name', 'scores']).code, 0);

    const html = path.join(dir, 'report.html');
    const run = assay([...w, '--json', 'profile', 'scores@1', '--html', html]);
    assert.equal(run.code, 0, run.stderr);
    const profile = JSON.parse(run.stdout);
    assert.equal(profile.dataset, 'scores');
    assert.equal(profile.version, 1);

    const present = values.filter((_v, i) => i % 4 !== 3);
    const n = present.length;
    const mean = present.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    const sorted = [...present].sort((a, b) => a - b);
    const score = profile.columns.score;
    for (const key of [
      'type',
      'count',
      'missing',
      'distinct',
      'mean',
      'std',
      'min',
      'max',
      'quantiles',
      'histogram',
      'top',
    ]) {
      assert.ok(key in score, `score has ${key}`);
    }
    assert.equal(score.type, 'numeric');
    assert.equal(score.count, n);
    assert.equal(score.missing, values.length - n);
    assert.equal(score.distinct, new Set(present).size);
    assert.ok(Math.abs(score.mean - mean) < 1e-9);
    assert.ok(Math.abs(score.std - std) < 1e-9);
    assert.equal(score.min, sorted[0]);
    assert.equal(score.max, sorted.at(-1));
    assert.ok(Math.abs(score.quantiles.p50 - quantile(sorted, 0.5)) < 1e-9);
    assert.ok(Math.abs(score.quantiles.p25 - quantile(sorted, 0.25)) < 1e-9);
    assert.equal(
      score.histogram.counts.reduce((s: number, c: number) => s + c, 0),
      n,
      'every value falls in one bin',
    );

    const colour = profile.columns.colour;
    assert.equal(colour.count, values.length);
    assert.equal(colour.distinct, 3);
    assert.deepEqual(colour.top[0], { value: 'red', count: 5, fraction: 0.5 });
    assert.ok(
      profile.alerts.some(
        (a: { type: string; columns: string[] }) => a.type === 'MISSING' && a.columns.includes('score'),
      ),
    );
    assert.match(fs.readFileSync(html, 'utf8'), /<html/i);

    const loose = assay([...w, '--json', 'profile', 'scores@1', '--threshold', 'missingFraction=0.5']);
    assert.equal(loose.code, 0, loose.stderr);
    const relaxed = JSON.parse(loose.stdout);
    assert.equal(relaxed.cached, false, 'other thresholds are another cache entry');
    assert.equal(relaxed.thresholds.missingFraction, 0.5);
    assert.equal(relaxed.thresholds.skewness, profile.thresholds.skewness, 'the others keep their defaults');
    assert.ok(!relaxed.alerts.some((a: { type: string }) => a.type === 'MISSING'));
    const again = assay([...w, '--json', 'profile', 'scores@1', '--threshold', 'missingFraction=0.5']);
    assert.equal(JSON.parse(again.stdout).cached, true);
    const words = assay([...w, 'profile', 'scores@1', '--threshold', 'missingFraction=0.5']);
    assert.doesNotMatch(words.stdout, /MISSING/);
    assert.match(words.stdout, /Thresholds: missingFraction=0\.5 \(others default\)\./);

    for (const [flag, pattern] of [
      ['missing=0.5', /"missing" is not one of them/],
      ['missingFraction=half', /--threshold missingFraction takes a number/],
    ] as const) {
      const bad = assay([...w, 'profile', 'scores@1', '--threshold', flag]);
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, pattern);
      assert.match(
        bad.stderr,
        flag.startsWith('missing=') ? /missingFraction, zerosFraction, .*targetLeakage/ : /./,
      );
      assert.equal(bad.stdout, '');
    }

    const outOfRange = assay([...w, 'profile', 'scores@1', '--threshold', 'missingFraction=2']);
    assert.equal(outOfRange.code, 2, 'the contract refuses it, as it would from the app');
    assert.match(
      outOfRange.stderr,
      /^assay: Invalid request to profile\.start \(thresholds\.missingFraction\): [^\n]+\n$/,
    );

    const missing = assay([...w, 'profile', 'nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^assay: .*nope/);
  });
});
