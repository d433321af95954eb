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
import { classKeySql, type RankTarget } from './rank-target';
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
  const numeric = features.flatMap((f, i) => (f.kind === 'numeric' ? [i] : []));
  const inner = features.map((f, i) =>
    f.kind === 'numeric' ? `(${f.sql} - ${literal(centres[i]!)}) AS v${i}` : `${f.raw} AS v${i}`,
  );
  const counts = features.map((_, i) => `count(v${i})`);
  const classification = target.task === 'classification';
  const sums = numeric.map((i) =>
    classification
      ? `sum(v${i}), sum(v${i} * v${i})`
      : `sum(v${i}), sum(v${i} * v${i}), sum(v${i} * y), sum(y + 0 * v${i}), sum(y * y + 0 * v${i})`,
  );
  const key = classification
    ? classKeySql(target.column)
    : `(${target.column.sql} - ${literal(targetCentre)})`;
  const rows = await queryRows(
    conn,
    `SELECT ${[classification ? 'k' : 'count(*)', ...counts, ...sums].join(', ')} ` +
      `FROM (SELECT ${[`${key} AS ${classification ? 'k' : 'y'}`, ...inner].join(', ')} FROM ${table} ` +
      `WHERE ${target.column.sql} IS NOT NULL)${classification ? ' GROUP BY k' : ''}`,
    signal,
  );
  const present = features.map(() => 0);
  const groups = new Map<number, GroupMoments[]>();
  const pairs = new Map<number, PairSums>();
  const index = new Map(target.classes.map((c, k) => [c, k]));
  const f = (value: unknown): number => Number(value ?? 0);
  for (const row of rows) {
    features.forEach((_, i) => (present[i]! += f(row[1 + i])));
    const base = 1 + features.length;
    numeric.forEach((i, j) => {
      if (classification) {
        const list = groups.get(i) ?? target.classes.map(() => ({ n: 0, sum: 0, sumSquares: 0 }));
        list[index.get(String(row[0]))!] = {
          n: f(row[1 + i]),
          sum: f(row[base + 2 * j]),
          sumSquares: f(row[base + 2 * j + 1]),
        };
        groups.set(i, list);
      } else {
        const o = base + 5 * j;
        pairs.set(i, {
          n: f(row[1 + i]),
          sx: f(row[o]),
          sxx: f(row[o + 1]),
          sxy: f(row[o + 2]),
          sy: f(row[o + 3]),
          syy: f(row[o + 4]),
        });
      }
    });
  }
  return { present, groups, pairs };
}
