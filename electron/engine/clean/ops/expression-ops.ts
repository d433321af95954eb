/**
 * Steps written as DuckDB SQL: formula (one expression into a new column, appended last)
 * and sql (a custom query over the previous step, read as `input`).
 *
 * `check` catches what can be seen without DuckDB (empty text, unbalanced brackets or
 * quotes, a second statement, quoted names that are not columns); the recipe engine then
 * validates the SQL against DuckDB itself.
 *
 * pandas: a formula of column names, numbers, + - * / and brackets is translated (DuckDB
 * and numpy agree on those, except that DuckDB computes whole numbers times a decimal
 * literal as an exact DECIMAL); anything else, and every custom query, becomes a `raise
 * NotImplementedError` line naming the step, with the SQL above it as a comment, so the
 * exported function fails loudly instead of computing something else.
 */
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition, StepIssue } from '../op-definition';
import { findColumn, nameClash, py, q } from './columns-support';

interface Scan {
  /** The text with string literals and quoted names blanked, for looking at its structure. */
  bare: string;
  /** The double-quoted names in the text, unescaped. */
  quotedNames: string[];
  problem?: string;
}

/** Walks the text once, skipping '…' literals, "…" names and comments. */
function scanSql(text: string): Scan {
  let bare = '';
  const quotedNames: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      let end = i + 1;
      while (end < text.length && !(text[end] === ch && text[end + 1] !== ch))
        end += text[end] === ch ? 2 : 1;
      if (end >= text.length) return { bare, quotedNames, problem: `A ${ch} quote is never closed.` };
      if (ch === '"') quotedNames.push(text.slice(i + 1, end).replaceAll('""', '"'));
      bare += ch === "'" ? "''" : '""';
      i = end;
    } else if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      bare += ' ';
    } else {
      if (ch === '(') depth++;
      if (ch === ')' && --depth < 0) return { bare, quotedNames, problem: 'A ")" has no "(" before it.' };
      bare += ch;
    }
  }
  return depth > 0 ? { bare, quotedNames, problem: 'A "(" is never closed.' } : { bare, quotedNames };
}

const STATEMENT =
  /^\s*(select|with|insert|update|delete|create|drop|alter|copy|attach|pragma|install|load)\b/i;

function formulaIssues(expression: string, columns: ColumnInfo[]): StepIssue[] {
  const field = 'expression';
  if (expression.trim() === '') return [{ field, message: 'Write an expression, like price * quantity.' }];
  const scan = scanSql(expression);
  if (scan.problem) return [{ field, message: scan.problem }];
  if (scan.bare.includes(';')) return [{ field, message: 'A formula is one expression; remove the ";".' }];
  if (STATEMENT.test(scan.bare)) {
    return [
      { field, message: 'Write an expression like price * 2, not a statement; use a SQL step for queries.' },
    ];
  }
  return scan.quotedNames
    .filter((name) => !findColumn(columns, name))
    .map((name) => ({ field, message: `There is no column "${name}".` }));
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;

/** The expression as pandas, or null when it uses more than names, numbers and + - * / ( ). */
export function formulaToPandas(expression: string, columns: ColumnInfo[]): string | null {
  const parts: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.trimEnd().length) {
    const m = TOKEN.exec(expression);
    if (!m) return null;
    const [, number, quoted, bare, operator] = m;
    if (number !== undefined) parts.push(number.startsWith('.') ? `0${number}` : number);
    else if (operator !== undefined) parts.push(operator);
    else {
      const name = quoted !== undefined ? quoted.replaceAll('""', '"') : (bare as string);
      // DuckDB matches unquoted names without case; quoted ones exactly first.
      const column =
        findColumn(columns, name) ??
        (quoted === undefined ? columns.find((c) => c.name.toLowerCase() === name.toLowerCase()) : undefined);
      if (!column) return null;
      parts.push(`df[${py(column.name)}]`);
    }
  }
  return parts.join(' ');
}

function sqlComment(text: string): string[] {
  return text.split('\n').map((line) => `# ${line}`);
}

export const formula: OpDefinition<'formula'> = {
  op: 'formula',
  label: 'New column from a formula',
  keepsRows: true,
  check(step, columns) {
    return [
      ...nameClash(
        columns.map((c) => c.name),
        step.name,
        'name',
      ),
      ...formulaIssues(step.expression, columns),
    ];
  },
  sql(step, ctx) {
    const items = [...ctx.columns.map((c) => q(c.name)), `(${step.expression}) AS ${q(step.name)}`];
    return `SELECT ${ctx.rowKey}${items.join(', ')} FROM ${ctx.input}`;
  },
  pandas(step, ctx) {
    const translated = formulaToPandas(step.expression, ctx.columns);
    if (translated !== null) return [`df[${py(step.name)}] = ${translated}`];
    return [
      ...sqlComment(step.expression),
      `raise NotImplementedError(${py(`Formula step "${step.name}": this DuckDB expression has no pandas translation (only column names, numbers, + - * / and brackets translate); write it in pandas here.`)})`,
    ];
  },
};

/** Leading comments and blanks removed, to see how the query starts. */
function queryStart(bare: string): string {
  return bare.replace(/^(\s|\/\*[\s\S]*?\*\/)+/, '');
}

function queryIssues(query: string): StepIssue[] {
  const field = 'query';
  const scan = scanSql(query);
  if (scan.problem) return [{ field, message: scan.problem }];
  const bare = queryStart(scan.bare).replace(/[\s;]+$/, '');
  if (!/^(select|with|from|values|\()/i.test(bare)) {
    return [{ field, message: 'Write one query starting with SELECT, WITH or FROM.' }];
  }
  if (bare.includes(';')) return [{ field, message: 'Write one query; remove the ";" between statements.' }];
  if (!/\binput\b/i.test(bare)) {
    return [{ field, message: "The query does not read input, the previous step's rows; write FROM input." }];
  }
  return [];
}

export const sqlStep: OpDefinition<'sql'> = {
  op: 'sql',
  label: 'Custom SQL',
  keepsRows: false,
  check: (step) => queryIssues(step.query),
  sql(step, ctx) {
    const visible = ctx.columns.length > 0 ? ctx.columns.map((c) => q(c.name)).join(', ') : '*';
    // `input` is a CTE of the previous step's visible columns, so the query's own text is
    // never rewritten; a query with its own WITH gets `input` added to its list.
    const definition = `input AS (SELECT ${visible} FROM ${ctx.input})`;
    const body = step.query.replace(/^(\s|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)+/, '').replace(/[\s;]+$/, '');
    const own = /^with(\s+recursive)?\s/i.exec(body);
    if (!own) return `WITH ${definition} ${body}`;
    return `WITH${own[1] ?? ''} ${definition}, ${body.slice(own[0].length)}`;
  },
  pandas(step) {
    return [
      ...sqlComment(step.query),
      `raise NotImplementedError(${py('The custom SQL step has no pandas translation; run its query (above) with duckdb over a DataFrame named input, or rewrite it in pandas here.')})`,
    ];
  },
};
