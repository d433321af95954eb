import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile, Profile } from '../../../shared/profile';
import { computeProfile } from './compute-profile';
import { binIndexSql } from './histograms';
import { SortScratch, sortFinite } from './sort-numbers';
import { summariseNumbers } from './summarise-numbers';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  // 3,000 rows: near-unique floats with a few repeats, NULL, NaN, ±∞ and ±0; near-unique
  // integers; all-different floats; integers beyond 2^53 (read back through SQL).
  await conn.run(`CREATE TABLE near AS SELECT
      CASE WHEN i % 401 = 0 THEN NULL WHEN i % 409 = 0 THEN 'NaN'::DOUBLE
           WHEN i % 419 = 0 THEN 'inf'::DOUBLE WHEN i % 421 = 0 THEN '-inf'::DOUBLE
           WHEN i % 431 = 0 THEN -0.0 WHEN i % 433 = 0 THEN 0.0
           WHEN i % 97 = 0 THEN 2.5 WHEN i % 89 = 0 THEN -7.25
           ELSE (hash(i) % 1000003)::DOUBLE / 7.0 - 50000 END AS x,
      (i * 7919 % 3001)::BIGINT - 1500 AS k,
      i::DOUBLE / 3.0 AS u,
      (9007199254740993 + (i % 2800))::BIGINT AS big
    FROM range(3000) t(i)`);
});
after(() => {
  conn.closeSync();
  instance.closeSync();
});

const column = (p: Profile, name: string): ColumnProfile => {
  const c = p.columns.find((x) => x.name === name);
  assert.ok(c, `no column ${name}`);
  return c;
};

/** The same statistics straight from DuckDB's aggregates and a GROUP BY. */
async function fromSql(name: string): Promise<Record<string, unknown>> {
  const q = `"${name}"`;
  const v = `(CASE WHEN isfinite(${q}::DOUBLE) THEN ${q}::DOUBLE END)`;
  const reader = await conn.runAndReadAll(
    `SELECT count(DISTINCT ${q}) FILTER (NOT isnan(${q}::DOUBLE)), min(${v}), max(${v}), avg(${v}),
       stddev_samp(${v}), quantile_cont(${v}, [0.05, 0.25, 0.5, 0.75, 0.95]), mad(${v}),
       (SELECT list([v, n] ORDER BY n DESC, v) FROM (SELECT ${q}::DOUBLE AS v, count(*) AS n FROM near
          WHERE ${q} IS NOT NULL AND NOT isnan(${q}::DOUBLE) GROUP BY ALL ORDER BY n DESC, v LIMIT 10))
     FROM near`,
  );
  const [distinct, min, max, mean, std, quantiles, mad, top] = reader.getRowsJS()[0];
  return {
    distinct: Number(distinct),
    min,
    max,
    mean,
    std,
    quantiles,
    mad,
    top: (top as [number, number][]).map(([value, n]) => [Number.isFinite(value) ? value : String(value), n]),
  };
}

function assertClose(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${path}: ${a} ≉ ${b}`);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) assertClose((a as never)[k], (b as never)[k], `${path}.${k}`);
  } else {
    assert.deepEqual(a, b, path);
  }
}

test('near-unique number columns sorted in JavaScript agree with DuckDB statistic for statistic', async () => {
  const p = await computeProfile(conn, 'near', { sampleSize: 5000 });
  for (const name of ['x', 'k', 'u']) {
    const c = column(p, name);
    const n = c.numeric!;
    const q = n.quantiles;
    const ours = {
      distinct: c.distinct,
      min: n.min,
      max: n.max,
      mean: n.mean,
      std: n.std,
      quantiles: [q.p5, q.p25, q.p50, q.p75, q.p95],
      mad: n.mad,
      top: c.isUnique ? [] : c.topValues.map((t) => [t.value, t.count]),
    };
    const sql = await fromSql(name);
    if (c.isUnique) sql.top = [];
    assertClose(ours, sql, name);
    // The histogram as the SQL path counts it: binIndexSql over the same grid.
    const h = c.histogram!;
    const bins = h.counts.length;
    const reader = await conn.runAndReadAll(
      `SELECT ${binIndexSql('v', n.min!, n.max!, bins)}, count(*) FROM (SELECT "${name}"::DOUBLE AS v FROM near) ` +
        `WHERE isfinite(v) GROUP BY 1`,
    );
    const expected = new Array<number>(bins).fill(0);
    for (const [bin, k] of reader.getRowsJS()) expected[Number(bin)] = Number(k);
    assert.deepEqual(h.counts, expected, `${name} histogram`);
  }
  const x = column(p, 'x');
  assert.equal(x.missing, 7 + 8, 'NULL and NaN rows');
  assert.equal(x.numeric?.infinite, 7 + 7);
  assert.deepEqual(
    x.topValues.slice(0, 2).map((t) => t.value),
    [-7.25, 2.5],
  );
  assert.equal(x.extremes?.smallest[0]?.value, '-Infinity');
  assert.equal(x.extremes?.largest[0]?.value, 'Infinity');
  // Integers beyond 2^53 go back to SQL: still every one of them counted apart.
  assert.equal(column(p, 'big').distinct, 2800);
});

test('an all-different column reports every value once: no top values, distinct = count', async () => {
  const p = await computeProfile(conn, 'near', { sampleSize: 500 });
  const u = column(p, 'u');
  assert.equal(u.isUnique, true);
  assert.equal(u.distinct, 3000);
  assert.deepEqual(u.topValues, []);
  assert.equal(u.extremes?.smallest.map((v) => v.value).join(), [0, 1 / 3, 2 / 3, 1, 4 / 3].join());
});

test('summariseNumbers: exact distinct count, ties ordered as SQL, quantiles as quantile_cont', () => {
  const values = Float64Array.from([5, 1, 3, 3, 9, 1, Number.NaN, 7, 3, -0, 0, 2]);
  const { raw, summary } = summariseNumbers({ values }, false, new SortScratch());
  assert.equal(raw.count, 11);
  assert.equal(raw.nan, 1);
  assert.equal(summary.distinct, 7, '−0 and 0 are one value');
  assert.deepEqual(
    summary.topValues.map((t) => [t.value, t.count]),
    [
      [3, 3],
      [0, 2],
      [1, 2],
      [2, 1],
      [5, 1],
      [7, 1],
      [9, 1],
    ],
  );
  assert.equal(summary.unique, 4);
  // numpy: np.quantile([-0,0,1,1,2,3,3,3,5,7,9], [.05,.25,.5,.75,.95])
  assert.deepEqual(raw.numeric?.quantiles, [0, 1, 3, 4, 8]);
  // |v − 3| sorted: 0 0 0 1 2 2 2 3 3 4 6, so the median deviation is 2 (as DuckDB's mad()).
  assert.equal(raw.numeric?.mad, 2);
});

test('sortFinite sorts spread, clustered and heavy-tailed values alike', () => {
  const scratch = new SortScratch();
  const shapes: Float64Array[] = [
    Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453),
    Float64Array.from({ length: 5000 }, (_, i) => (i === 7 ? 1e300 : (i * 7919) % 101)),
    Float64Array.from({ length: 5000 }, (_, i) => Math.exp(((i * 7919) % 5000) / 100)),
  ];
  for (const values of shapes) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const expected = values.slice().sort();
    assert.deepEqual(Array.from(sortFinite(values.slice(), min, max, scratch)), Array.from(expected));
  }
});
