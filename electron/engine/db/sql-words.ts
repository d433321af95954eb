/**
 * The few words in front of an EXPLAIN or a PRAGMA. DuckDB's parse tree does not
 * serialise EXPLAIN, so the statement it explains is found by skipping the keywords
 * DuckDB's grammar allows there (`EXPLAIN [ANALYZE] [VERBOSE]` or `EXPLAIN (options)`)
 * along with comments and white space. This only locates text; whether that text is a
 * query is decided by DuckDB's parser, and a text located wrongly fails that check, so
 * a mistake here refuses a query rather than letting a statement through.
 */

const EXPLAIN_WORDS = new Set(['ANALYZE', 'ANALYSE', 'VERBOSE']);

/** Index of the first character after white space and comments from `from`. */
function skipBlank(sql: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i += 1;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      let depth = 0;
      do {
        const step = sql.startsWith('/*', i) ? 1 : sql.startsWith('*/', i) ? -1 : 0;
        depth += step;
        i += step === 0 ? 1 : 2;
      } while (depth > 0 && i < sql.length);
    } else {
      return i;
    }
  }
}

function wordAt(sql: string, from: number): { word: string; end: number } {
  const match = /^[A-Za-z_]+/.exec(sql.slice(from));
  return { word: (match?.[0] ?? '').toUpperCase(), end: from + (match?.[0].length ?? 0) };
}

/** The statement's first keyword, upper-cased ("" when it starts with something else). */
export function leadingWord(sql: string): string {
  return wordAt(sql, skipBlank(sql, 0)).word;
}

/** The text after `EXPLAIN` and its options: the statement being explained. */
export function afterLeadingWords(sql: string): string {
  let i = wordAt(sql, skipBlank(sql, 0)).end;
  i = skipBlank(sql, i);
  if (sql[i] === '(') {
    let depth = 0;
    do {
      if (sql[i] === '(') depth += 1;
      else if (sql[i] === ')') depth -= 1;
      i += 1;
    } while (depth > 0 && i < sql.length);
    return sql.slice(i);
  }
  for (;;) {
    const next = wordAt(sql, i);
    if (!EXPLAIN_WORDS.has(next.word)) return sql.slice(i);
    i = skipBlank(sql, next.end);
  }
}
