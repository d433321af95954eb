/**
 * The pandas side of the profile benchmark (see docs/architecture.md, "Inside the profile capability"):
 * runs pandas_profile.py with Debian's python3-pandas on the CSV just profiled, and checks
 * the profile's mean, std, min, max, distinct and missing counts against pandas' per column.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../../shared/profile';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pandas_profile.py');

interface PandasColumn {
  distinct: number;
  missing: number;
  mean?: number | null;
  std?: number | null;
  min?: number | null;
  max?: number | null;
}

export interface PandasResult {
  readSeconds: number;
  statsSeconds: number;
  columns: Record<string, PandasColumn>;
}

/** pandas' figures for `csv`, or the reason there are none. */
export function runPandas(csv: string): PandasResult | string {
  const run = spawnSync(PYTHON, [SCRIPT, csv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.error || run.status !== 0) {
    return `pandas baseline not run (${run.error?.message ?? run.stderr.trim().split('\n').pop()})`;
  }
  const out = JSON.parse(run.stdout) as {
    read: number;
    stats: number;
    columns: Record<string, PandasColumn>;
  };
  return { readSeconds: out.read, statsSeconds: out.stats, columns: out.columns };
}

const close = (a: number | null | undefined, b: number | null | undefined): boolean =>
  (a ?? null) === (b ?? null) ||
  (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

/** The statistics that differ between the profile and pandas, as readable lines. */
export function compareWithPandas(profile: Profile, pandas: PandasResult): string[] {
  const differences: string[] = [];
  for (const c of profile.columns) {
    const p = pandas.columns[c.name];
    if (!p) {
      differences.push(`${c.name}: not in pandas' result`);
      continue;
    }
    const ours: Record<string, number | null | undefined> = { distinct: c.distinct, missing: c.missing };
    if (c.numeric) {
      Object.assign(ours, {
        mean: c.numeric.mean,
        std: c.numeric.std,
        min: c.numeric.min,
        max: c.numeric.max,
      });
    }
    for (const [stat, value] of Object.entries(ours)) {
      const theirs = p[stat as keyof PandasColumn];
      if (theirs !== undefined && !close(value, theirs))
        differences.push(`${c.name}.${stat}: ${value} vs pandas ${theirs}`);
    }
  }
  return differences;
}
