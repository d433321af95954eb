/**
 * The one pass over every row: per target class (classification) or over all rows
 * (regression), each numeric feature's count, Σx and Σx² — and with a numeric target Σxy
 * and the target's sums over the same rows — plus every feature's count of present
 * values. DuckDB reads the million rows; JavaScript receives a few numbers per feature and
 * finishes ANOVA F, F-regression and Pearson r from them (univariate-tests.ts). Values are
 * centred on the sample's means first, which keeps the sums of squares precise.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../profile/sql';
import type { RankColumn } from './rank-columns';
import type { RankTarget } from './rank-target';
import type { GroupMoments, PairSums } from './univariate-tests';

export interface FullMoments {
  /** Per feature, the count of present values over rows with a target. */
  present: number[];
  /** Classification: per numeric feature (by feature index), moments per class index. */
  groups: Map<number, GroupMoments[]>;
  /** Regression: per numeric feature, the pair sums with the target. */
  pairs: Map<number, PairSums>;
}

/** Writes a number into SQL with full precision. */
const literal = (value: number): string => (Number.isFinite(value) ? value.toPrecision(17) : '0');

export async function fullMoments(
  conn: DuckDBConnection,
  table: string,
  target: RankTarget,
  features: readonly RankColumn[],
  centres: readonly number[],
  targetCentre: number,
  signal?: AbortSignal,
): Promise<FullMoments> {
  const pass = { conn, table, target, features, centres, targetCentre, signal };
  const all = features.map((_, i) => i);
  // Most columns hold no NaN or ±∞, and guarding every value costs a fifth of the scan:
  // read them as they are, then once more, guarded, only the columns whose sums came back
  // non-finite.
  const result = await momentsPass(pass, all, false);
  const poisoned = all.filter((i) => !finiteSums(result, i));
  if (poisoned.length > 0) {
    const again = await momentsPass(pass, poisoned, true);
    for (const i of poisoned) {
      result.present[i] = again.present[i]!;
      if (again.groups.has(i)) result.groups.set(i, again.groups.get(i)!);
      if (again.pairs.has(i)) result.pairs.set(i, again.pairs.get(i)!);
    }
  }
  return result;
}

interface Pass {
  conn: DuckDBConnection;
  table: string;
  target: RankTarget;
  features: readonly RankColumn[];
  centres: readonly number[];
  targetCentre: number;
  signal?: AbortSignal | undefined;
}

function finiteSums(result: FullMoments, i: number): boolean {
  const pair = result.pairs.get(i);
  if (pair && !Object.values(pair).every(Number.isFinite)) return false;
  return (result.groups.get(i) ?? []).every((g) => Number.isFinite(g.sum) && Number.isFinite(g.sumSquares));
}

/** One aggregate query over the features at `which` (indices into `features`). */
async function momentsPass(p: Pass, which: readonly number[], guarded: boolean): Promise<FullMoments> {
  const { target, features } = p;
  const numeric = which.filter((i) => features[i]!.kind === 'numeric');
  const inner = which.map((i) => {
    const f = features[i]!;
    if (f.kind !== 'numeric') return `${f.raw} AS v${i}`;
    return `(${guarded ? f.sql : f.unguardedSql} - ${literal(p.centres[i]!)}) AS v${i}`;
  });
  const counts = which.map((i) => `count(v${i})`);
  const classification = target.task === 'classification';
  const sums = numeric.map((i) =>
    classification
      ? `sum(v${i}), sum(v${i} * v${i})`
      : `sum(v${i}), sum(v${i} * v${i}), sum(v${i} * y), sum(y + 0 * v${i}), sum(y * y + 0 * v${i})`,
  );
  // Classes group by the column's own value (cheaper than by its text), named as text after.
  const key = classification
    ? `${target.column.raw} AS k`
    : `(${target.column.sql} - ${literal(p.targetCentre)}) AS y`;
  const rows = await queryRows(
    p.conn,
    `SELECT ${[classification ? 'CAST(k AS VARCHAR)' : 'count(*)', ...counts, ...sums].join(', ')} ` +
      `FROM (SELECT ${[key, ...inner].join(', ')} FROM ${p.table} ` +
      `WHERE ${target.column.sql} IS NOT NULL)${classification ? ' GROUP BY k' : ''}`,
    p.signal,
  );
  const present = features.map(() => 0);
  const groups = new Map<number, GroupMoments[]>();
  const pairs = new Map<number, PairSums>();
  const index = new Map(target.classes.map((c, k) => [c, k]));
  const f = (value: unknown): number => Number(value ?? 0);
  const base = 1 + which.length;
  for (const row of rows) {
    which.forEach((i, j) => (present[i]! += f(row[1 + j])));
    numeric.forEach((i, j) => {
      const n = f(row[1 + which.indexOf(i)]);
      if (classification) {
        const list = groups.get(i) ?? target.classes.map(() => ({ n: 0, sum: 0, sumSquares: 0 }));
        list[index.get(String(row[0]))!] = {
          n,
          sum: f(row[base + 2 * j]),
          sumSquares: f(row[base + 2 * j + 1]),
        };
        groups.set(i, list);
      } else {
        const o = base + 5 * j;
        const [sx, sxx, sxy, sy, syy] = [0, 1, 2, 3, 4].map((k) => f(row[o + k])) as [
          number,
          number,
          number,
          number,
          number,
        ];
        pairs.set(i, { n, sx, sxx, sxy, sy, syy });
      }
    });
  }
  return { present, groups, pairs };
}
