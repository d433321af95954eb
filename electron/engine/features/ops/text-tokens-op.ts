/**
 * text_tokens: a text column as numbers a model can use. A token is a run of letters and
 * digits, lower-cased ("Café au LAIT, 2nd" → café, au, lait, 2nd). The step adds `name`,
 * the number of tokens — a cheap signal of length and detail — and, with `top`, one 0/1
 * column `name_<token>` for each of the `top` tokens found in the most rows (ties by the
 * token's text): a small bag of words that trees and linear models take as they are,
 * without a vocabulary that grows with the data. The tokens are fitted and recorded, so
 * new data gets the same columns (docs/architecture.md, "Inside the clean capability").
 * A missing text gives NULL in every new column. pandas: `str.lower().str.findall`.
 */
import type { OpDefinition } from '../../clean/op-definition';
import { sqlLiteral } from '../../db/sql-text';
import { findColumn, py, q } from '../../clean/ops/columns-support';
import { columnOfType } from '../../clean/ops/stat-support';
import { appendSql, newNamesIssues } from './feature-support';

/** Letters and digits, as DuckDB's RE2 and Python's re write them. */
const SQL_TOKEN = String.raw`[\p{L}\p{N}]+`;
const PY_TOKEN = String.raw`[^\W_]+`;

const tokensOf = (column: string): string =>
  `regexp_extract_all(lower(${q(column)}), ${sqlLiteral(SQL_TOKEN)})`;

function fittedTokens(stats: Record<string, unknown>): string[] {
  return Array.isArray(stats.tokens) ? stats.tokens.map(String) : [];
}

export const textTokens: OpDefinition<'text_tokens'> = {
  op: 'text_tokens',
  label: 'Text tokens: how many, and the most common as 0/1 columns',
  keepsRows: true,
  check: (step, columns) => [
    ...columnOfType(columns, step.column, 'column', 'text'),
    ...newNamesIssues(columns, [step.name]),
  ],
  async fit(step, ctx, connection) {
    if (!step.top) return { tokens: [] };
    const reader = await connection.runAndReadAll(
      `SELECT token FROM (SELECT unnest(list_distinct(${tokensOf(step.column)})) AS token FROM ${ctx.input})
       GROUP BY token ORDER BY count(*) DESC, token LIMIT ${step.top}`,
    );
    return { tokens: reader.getRowsJS().map((r) => String(r[0])) };
  },
  sql(step, ctx) {
    const tokens = fittedTokens(ctx.stats);
    const names = tokens.map((t) => `${step.name}_${t}`);
    // The tokens are known only once fitted, so a clash is found here rather than in check.
    const taken = new Set(ctx.columns.map((c) => c.name.toLowerCase()));
    const clash = names.find((n) => taken.has(n.toLowerCase()));
    if (clash) {
      throw new Error(`The token column "${clash}" would repeat a column's name; give the step another name`);
    }
    const added = [
      { expression: `len("__assay_tokens")`, name: step.name },
      ...tokens.map((t, i) => ({
        expression: `CAST(list_contains("__assay_tokens", ${sqlLiteral(t)}) AS INTEGER)`,
        name: names[i]!,
      })),
    ];
    const input = `(SELECT *, ${tokensOf(step.column)} AS "__assay_tokens" FROM ${ctx.input})`;
    return appendSql({ ...ctx, input }, added);
  },
  pandas(step, ctx) {
    const tokens = fittedTokens(ctx.stats);
    const column = findColumn(ctx.columns, step.column)?.name ?? step.column;
    return [
      `_tokens = df[${py(column)}].str.lower().str.findall(${py(PY_TOKEN)})`,
      `df[${py(step.name)}] = _tokens.str.len()`,
      ...tokens.map(
        (t) =>
          `df[${py(`${step.name}_${t}`)}] = _tokens.map(lambda ts: int(${py(t)} in ts) if isinstance(ts, list) else np.nan)`,
      ),
    ];
  },
};
