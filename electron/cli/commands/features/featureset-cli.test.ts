/**
 * `assay featureset` end to end as a user runs it, and the issue's "done when": the
 * point-in-time join of generated labels and two feature sets equals pandas'
 * merge_asof(direction="backward", by=entity, tolerance=ttl) row for row — ties at one
 * instant, stale values past the ttl, labels before any feature row and entities without
 * features included.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runAssay } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

const PYTHON = '/usr/bin/python3';
const pandasSkip =
  spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0
    ? false
    : 'no pandas in /usr/bin/python3';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.UTC(2024, 0, 1);

/** Whole hours in a 60-day window, so label and feature times often coincide (ties, exact matches). */
function stamp(random: () => number): string {
  return new Date(START + Math.floor(random() * 60 * 24) * 3_600_000)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 19);
}

function writeData(dir: string): void {
  const random = rng(12);
  const labels = ['id,user,ts,label'];
  for (let i = 0; i < 3000; i += 1) {
    // Users 0..59; users 55..59 have no feature rows at all.
    labels.push(`${i},${Math.floor(random() * 60)},${stamp(random)},${random() < 0.3 ? 1 : 0}`);
  }
  const clicks = ['user,ts,clicks,spend'];
  const payments = ['customer,paid_at,amount'];
  for (let i = 0; i < 4000; i += 1) {
    clicks.push(
      `${Math.floor(random() * 55)},${stamp(random)},${Math.floor(random() * 100)},${(random() * 50).toFixed(2)}`,
    );
    const amount = random() < 0.05 ? '' : (random() * 500).toFixed(2);
    payments.push(`${Math.floor(random() * 55)},${stamp(random)},${amount}`);
  }
  fs.writeFileSync(path.join(dir, 'labels.csv'), labels.join('\n'));
  fs.writeFileSync(path.join(dir, 'clicks.csv'), clicks.join('\n'));
  fs.writeFileSync(path.join(dir, 'payments.csv'), payments.join('\n'));
}

const PANDAS = String.raw`
import sys
import numpy as np
import pandas as pd
d = sys.argv[1]
labels = pd.read_csv(f"{d}/labels.csv", parse_dates=["ts"])
out = labels.sort_values("ts", kind="stable")
for name, key, time, ttl in [("clicks", "user", "ts", "3D"), ("payments", "customer", "paid_at", None)]:
    right = pd.read_csv(f"{d}/{name}.csv", parse_dates=[time])
    right = right.rename(columns={key: "user", time: "__t"}).sort_values("__t", kind="stable")
    out = pd.merge_asof(out, right, left_on="ts", right_on="__t", by="user", direction="backward",
                        tolerance=pd.Timedelta(ttl) if ttl else None).drop(columns="__t")
out = out.sort_values("id")
got = pd.read_csv(f"{d}/training.csv", parse_dates=["ts"]).sort_values("id")
assert list(got.columns) == list(out.columns), (list(got.columns), list(out.columns))
assert len(got) == len(out), (len(got), len(out))
for col in out.columns:
    a, b = out[col].to_numpy(), got[col].to_numpy()
    if col == "ts":
        same = a == b
    else:
        a, b = a.astype("float64"), b.astype("float64")
        same = (np.isnan(a) & np.isnan(b)) | np.isclose(a, b, rtol=0, atol=1e-9)
    bad = np.flatnonzero(~same)
    assert len(bad) == 0, f"column {col} differs at id {out['id'].to_numpy()[bad[:5]]}: pandas {a[bad[:5]]}, assay {b[bad[:5]]}"
print("rows", len(out), "matched", int(out["clicks"].notna().sum()), int(out["amount"].notna().sum()))
`;

function assay(workspace: string, args: string[]) {
  const outcome = runAssay(['--workspace', workspace, ...args], { timeoutMs: 120_000 });
  assert.equal(outcome.code, 0, `assay ${args.join(' ')}: ${outcome.stderr}`);
  return outcome.stdout;
}

describe('assay featureset', () => {
  it('joins generated labels and two sets exactly as pandas merge_asof does', { skip: pandasSkip }, () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    writeData(dir);
    for (const name of ['labels', 'clicks', 'payments']) {
      assay(workspace, ['import', path.join(dir, `${name}.csv`), '--name', name]);
    }
    const created = assay(workspace, [
      'featureset',
      'create',
      'clicks_7',
      '--dataset',
      'clicks',
      '--entity',
      'user',
      '--time',
      'ts',
      '--ttl',
      '3d',
    ]);
    assert.match(created, /^clicks_7@1\n/);
    assay(workspace, [
      'featureset',
      'create',
      'payments',
      '--dataset',
      'payments@1',
      '--entity',
      'customer',
      '--time',
      'paid_at',
      '--features',
      'amount',
    ]);
    const listed = JSON.parse(assay(workspace, ['--json', 'featureset', 'list'])) as Array<{ name: string }>;
    assert.deepEqual(
      listed.map((s) => s.name),
      ['clicks_7', 'payments'],
    );
    const joined = JSON.parse(
      assay(workspace, [
        '--json',
        'featureset',
        'join',
        '--labels',
        'labels',
        '--entity',
        'user',
        '--time',
        'ts',
        'clicks_7',
        'payments@1',
        '--out',
        'training',
      ]),
    ) as { rows: number; columns: number; sets: Array<{ matchedShare: number }> };
    assert.equal(joined.rows, 3000);
    assert.equal(joined.columns, 7);
    assert.ok(
      joined.sets.every((s) => s.matchedShare > 0.2 && s.matchedShare < 1),
      JSON.stringify(joined.sets),
    );
    assay(workspace, ['export-data', 'training@1', '--out', path.join(dir, 'training.csv')]);
    const compared = spawnSync(PYTHON, ['-c', PANDAS, dir], { encoding: 'utf8' });
    assert.equal(compared.status, 0, compared.stderr);
    assert.match(compared.stdout, /^rows 3000 matched \d+ \d+/);
  });

  it('prints the version, the shares and usage sentences for people', () => {
    const dir = tempDir();
    const workspace = path.join(dir, 'ws');
    writeData(dir);
    assay(workspace, ['import', path.join(dir, 'clicks.csv'), '--name', 'clicks']);
    assay(workspace, ['import', path.join(dir, 'labels.csv'), '--name', 'labels']);
    const bad = runAssay([
      '--workspace',
      workspace,
      'featureset',
      'create',
      'c',
      '--dataset',
      'clicks',
      '--entity',
      'user',
      '--time',
      'ts',
      '--ttl',
      '2 weeks',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^assay: The ttl "2 weeks" is not a duration; write a whole number and a unit/);
    const usage = runAssay(['--workspace', workspace, 'featureset', 'join', 'c', '--labels', 'labels']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Give --entity, --time, --out to join\./);
    assay(workspace, [
      'featureset',
      'create',
      'c',
      '--dataset',
      'clicks',
      '--entity',
      'user',
      '--time',
      'ts',
      '--ttl',
      '30d',
    ]);
    const text = assay(workspace, [
      'featureset',
      'join',
      '--labels',
      'labels',
      '--entity',
      'user',
      '--time',
      'ts',
      // A --ttl before the sets takes one value: "c" stays a set to join.
      '--ttl',
      'c=none',
      'c',
      '--out',
      't',
    ]);
    assert.match(text, /^t@1: 3,000 rows, 6 columns/);
    assert.match(text, /c@1 +none +[\d,]+ +\d+\.\d%/);
  });
});
