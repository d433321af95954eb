/**
 * Text operations: replace (plain or regular expression), strip, change_case, split_column
 * and text_length. Each works on VARCHAR columns and keeps NULL as NULL. DuckDB's regular
 * expressions are RE2 and pandas' are Python's `re`: the common syntax agrees, and the
 * whole-match reference `\0` is rewritten as Python's `\g<0>`.
 */
import { sqlLiteral } from '../../db/sql-text';
import type { OpDefinition } from '../op-definition';
import {
  missingColumns,
  nameClash,
  notText,
  pandasAdding,
  py,
  q,
  repeatedNames,
  selectAdding,
  selectReplacing,
} from './columns-support';

function textColumnIssues(names: string[], columns: { name: string; type: string }[], field: string) {
  return [...missingColumns(columns, names, field), ...notText(columns, names, field)];
}

function replacingOne(
  column: string,
  expression: string,
  ctx: Parameters<typeof selectReplacing>[0] & { input: string },
) {
  return `SELECT ${selectReplacing(ctx, new Map([[column, expression]]))} FROM ${ctx.input}`;
}

export const replaceText: OpDefinition<'replace'> = {
  op: 'replace',
  label: 'Find and replace',
  keepsRows: true,
  check: (step, columns) => textColumnIssues([step.column], columns, 'column'),
  sql(step, ctx) {
    const column = q(step.column);
    const expression = step.regex
      ? `regexp_replace(${column}, ${sqlLiteral(step.find)}, ${sqlLiteral(step.replace)}, 'g')`
      : `replace(${column}, ${sqlLiteral(step.find)}, ${sqlLiteral(step.replace)})`;
    return replacingOne(step.column, expression, ctx);
  },
  pandas(step) {
    const target = `df[${py(step.column)}]`;
    const replacement = step.regex ? step.replace.replace(/\\0/g, '\\g<0>') : step.replace;
    return [
      `${target} = ${target}.str.replace(${py(step.find)}, ${py(replacement)}, regex=${py(step.regex)})`,
    ];
  },
};

/**
 * The characters strip removes: ASCII white space and the no-break space, the same set in
 * both languages (DuckDB's trim() alone removes only spaces, Python's strip() all Unicode
 * white space).
 */
const WHITE_SPACE = ' \t\n\r\v\f\u00a0';

export const strip: OpDefinition<'strip'> = {
  op: 'strip',
  label: 'Strip white space',
  keepsRows: true,
  check: (step, columns) => [
    ...textColumnIssues(step.columns, columns, 'columns'),
    ...repeatedNames(step.columns, 'columns'),
  ],
  sql(step, ctx) {
    const replaced = new Map(step.columns.map((c) => [c, `trim(${q(c)}, ${sqlLiteral(WHITE_SPACE)})`]));
    return `SELECT ${selectReplacing(ctx, replaced)} FROM ${ctx.input}`;
  },
  pandas: (step) => step.columns.map((c) => `df[${py(c)}] = df[${py(c)}].str.strip(${py(WHITE_SPACE)})`),
};

/**
 * Title case as Python's str.title(): a letter is upper-cased after a character without
 * case (space, digit, apostrophe) and lower-cased after one with case. DuckDB has no
 * initcap, so the string is cased character by character.
 */
function titleCase(column: string): string {
  const chars = `string_split(${column}, '')`;
  const cased = (ch: string) => `(lower(${ch}) <> upper(${ch}))`;
  return (
    `array_to_string(list_transform(${chars}, lambda ch, i: ` +
    `CASE WHEN i = 1 OR NOT ${cased(`${chars}[i - 1]`)} THEN upper(ch) ELSE lower(ch) END), '')`
  );
}

export const changeCase: OpDefinition<'change_case'> = {
  op: 'change_case',
  label: 'Change case',
  keepsRows: true,
  check: (step, columns) => textColumnIssues([step.column], columns, 'column'),
  sql(step, ctx) {
    const column = q(step.column);
    const expression = step.to === 'title' ? titleCase(column) : `${step.to}(${column})`;
    return replacingOne(step.column, expression, ctx);
  },
  pandas: (step) => [`df[${py(step.column)}] = df[${py(step.column)}].str.${step.to}()`],
};

export const splitColumn: OpDefinition<'split_column'> = {
  op: 'split_column',
  label: 'Split a column',
  keepsRows: true,
  check(step, columns) {
    const issues = [
      ...textColumnIssues([step.column], columns, 'column'),
      ...repeatedNames(step.into, 'into'),
    ];
    const taken = columns.map((c) => c.name);
    for (const name of step.into) issues.push(...nameClash(taken, name, 'into'));
    return issues;
  },
  // Parts beyond the last name stay joined in the last column, as pandas' split(n=…) leaves them.
  sql(step, ctx) {
    const parts = q('__assay_parts');
    const n = step.into.length;
    const added = step.into.map((name, i) => ({
      name,
      expression:
        i < n - 1
          ? `${parts}[${i + 1}]`
          : `CASE WHEN len(${parts}) >= ${n} THEN array_to_string(${parts}[${n}:], ${sqlLiteral(step.delimiter)}) END`,
    }));
    const from = `(SELECT *, string_split(${q(step.column)}, ${sqlLiteral(step.delimiter)}) AS ${parts} FROM ${ctx.input})`;
    return `SELECT ${selectAdding(ctx, step.column, added)} FROM ${from}`;
  },
  pandas(step) {
    const n = step.into.length;
    // pandas reads n=0 as "split everywhere", so one name is a plain copy.
    if (n === 1)
      return pandasAdding(step.column, [
        { name: step.into[0] ?? '', values: `df[${py(step.column)}].copy()` },
      ]);
    return [
      `_parts = df[${py(step.column)}].str.split(${py(step.delimiter)}, n=${n - 1}, expand=True, regex=False)` +
        `.reindex(columns=range(${n}))`,
      ...pandasAdding(
        step.column,
        step.into.map((name, i) => ({ name, values: `_parts[${i}]` })),
      ),
    ];
  },
};

export const textLength: OpDefinition<'text_length'> = {
  op: 'text_length',
  label: 'Text length',
  keepsRows: true,
  check: (step, columns) => [
    ...textColumnIssues([step.column], columns, 'column'),
    ...nameClash(
      columns.map((c) => c.name),
      step.name,
      'name',
    ),
  ],
  // Both count Unicode code points (DuckDB's length, Python's len).
  sql: (step, ctx) =>
    `SELECT ${selectAdding(ctx, step.column, [{ expression: `length(${q(step.column)})`, name: step.name }])} FROM ${ctx.input}`,
  pandas: (step) =>
    pandasAdding(step.column, [
      { values: `df[${py(step.column)}].str.len().astype("Int64")`, name: step.name },
    ]),
};

export const textOps = [replaceText, strip, changeCase, splitColumn, textLength];
