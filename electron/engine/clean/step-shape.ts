/**
 * Which compiled steps keep their input's rows in place, read from the step's own SQL, so
 * applying a recipe can skip work the order rule does not need (docs/architecture.md,
 * "Inside the clean capability"). A "plain" step is one SELECT list over the previous
 * relation, optionally with a WHERE: DuckDB keeps insertion order through such scans,
 * projections and filters (preserve_insertion_order), so `__assay_order` stays ascending
 * in the physical order and the final sort is redundant. Anything else — a window, an
 * ORDER BY, a join, a subquery, several FROMs — counts as not plain; a false "not plain"
 * only costs the sort it would have cost anyway, so the test is deliberately crude.
 */
/** Words that may reorder, multiply or aggregate rows, wherever they appear (even in strings). */
const REORDERING =
  /\b(OVER|ORDER|GROUP|HAVING|JOIN|DISTINCT|QUALIFY|LIMIT|OFFSET|SAMPLE|TABLESAMPLE|UNION|EXCEPT|INTERSECT|UNNEST|PIVOT|UNPIVOT|WINDOW|LATERAL|RECURSIVE|USING)\b/i;

export interface StepShape {
  /** Rows come out in the input's physical order, with `__assay_order` unchanged. */
  inPlace: boolean;
  /** Also no WHERE: as many rows out as in. */
  sameRows: boolean;
}

/** The shape of a step's SQL as the op wrote it (before any renumbering), reading `input`. */
export function stepShape(sql: string, input: string): StepShape {
  const from = ` FROM ${input}`;
  const at = sql.lastIndexOf(from);
  const rest = at < 0 ? null : sql.slice(at + from.length);
  const inPlace =
    rest !== null &&
    (rest === '' || /^\s+WHERE\b/i.test(rest)) &&
    /^SELECT\b/i.test(sql) &&
    (sql.match(/\bSELECT\b/gi) ?? []).length === 1 &&
    (sql.match(/\bFROM\b/gi) ?? []).length === 1 &&
    !REORDERING.test(sql);
  return { inPlace, sameRows: inPlace && rest === '' };
}
