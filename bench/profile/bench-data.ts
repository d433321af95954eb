/**
 * The profile benchmark's generated CSVs (see docs/architecture.md, "Inside the profile capability"): the
 * original 1M × 31 case (rounded integers, trending, exponential and normal floats, two
 * categoricals, a 0/1 label) and the near-unique shape, where all 28 number columns are
 * floats with about one distinct value per row. Both come from DuckDB hashing the row
 * number, so every run sees the same bytes.
 */

/** A uniform value in [0, 1) from row `i` and stream `k` (about 10⁶ levels). */
const coarse = (k: number): string => `((hash(i * 97 + ${k}) % 1000003)::DOUBLE / 1000003.0)`;
/** A uniform value in [0, 1) with about 4·10⁹ levels: distinct in practice. */
const fine = (k: number): string => `((hash(i * 131 + ${k}) % 4294967291)::DOUBLE / 4294967291.0)`;

export type Shape = 'mixed' | 'near-unique';

/** 28 number columns of four shapes (uniform, trending, exponential, normal), NULLs 0–8%. */
function numberColumns(shape: Shape): string[] {
  const u = shape === 'mixed' ? coarse : fine;
  const cols: string[] = [];
  for (let k = 0; k < 28; k++) {
    let e: string;
    if (k % 4 === 0) e = shape === 'mixed' ? `round(${u(k)} * 1000)::INTEGER` : `${u(k)} * 1000`;
    else if (k % 4 === 1) e = `(${u(k)} - 0.5) * 100 + i / 50000.0`;
    else if (k % 4 === 2) e = `-ln(${u(k)} + 1e-9) * 10`;
    else e = `sqrt(-2 * ln(${u(k)} + 1e-12)) * cos(2 * pi() * ${u(k + 100)})`;
    cols.push(`CASE WHEN ${coarse(k + 1000)} < ${(k % 5) * 0.02} THEN NULL ELSE ${e} END AS x${k}`);
  }
  return cols;
}

/** The COPY statement that writes `rows` rows of `shape` to `file`. */
export function generatorSql(shape: Shape, rows: number, file: string): string {
  const tail = [
    `['red', 'green', 'blue', 'amber', 'violet'][1 + (hash(i * 7 + 1) % 5)::INTEGER] AS colour`,
    `'city_' || (hash(i * 7 + 2) % 200)::VARCHAR AS city`,
    `CASE WHEN ${coarse(3000)} < 0.3 + 0.2 * (x3 > 0)::INTEGER THEN 1 ELSE 0 END AS label`,
  ];
  return (
    `COPY (SELECT * EXCLUDE (i) FROM (SELECT i, ${numberColumns(shape).join(', ')} FROM range(${rows}) r(i)) ` +
    `CROSS JOIN LATERAL (SELECT ${tail.join(', ')})) TO '${file}' (HEADER)`
  );
}
