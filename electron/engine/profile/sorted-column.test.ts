import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile, Profile } from '../../../shared/profile';
import { computeProfile } from './compute-profile';
import { SortScratch, sortFinite } from './sort-numbers';
import { summariseNumbers } from './sorted-column';

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

/** The column profile without what legitimately differs between the paths (MAD's source). */
function comparable(c: ColumnProfile): unknown {
  const copy = JSON.parse(JSON.stringify(c)) as ColumnProfile;
  if (copy.numeric) {
    copy.numeric.mad = null;
    copy.numeric.madMethod = 'exact';
  }
  return copy;
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

test('near-unique number columns sorted in JavaScript match the SQL path statistic for statistic', async () => {
  // sampleSize below the row count: MAD from the sample, so near-unique columns are sorted;
  // above it: exact MAD in SQL, and every column goes through the wide pass and GROUP BY.
  const sorted = await computeProfile(conn, 'near', { sampleSize: 500 });
  const sql = await computeProfile(conn, 'near', { sampleSize: 5000 });
  for (const name of ['x', 'k', 'u', 'big']) {
    const a = column(sorted, name);
    const b = column(sql, name);
    assertClose(comparable(a), comparable(b), name);
    assert.equal(
      a.histogram?.counts.reduce((s, n) => s + n, 0),
      a.count - (a.numeric?.infinite ?? 0),
    );
  }
  const x = column(sorted, 'x');
  assert.equal(x.missing, 7 + 8, 'NULL and NaN rows');
  assert.equal(x.numeric?.infinite, 7 + 7);
  assert.deepEqual(
    x.topValues.slice(0, 2).map((t) => t.value),
    [-7.25, 2.5],
  );
  assert.equal(x.extremes?.smallest[0]?.value, '-Infinity');
  assert.equal(x.extremes?.largest[0]?.value, 'Infinity');
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
  const values = Float64Array.from([5, 1, 3, 3, 9, 1, 7, 3, -0, 0, 2]);
  const { raw, summary } = summariseNumbers({ values, nan: 1 }, false, new SortScratch());
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
