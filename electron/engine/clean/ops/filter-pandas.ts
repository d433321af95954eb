/**
 * Translates the common subset of DuckDB boolean expressions into a pandas mask for the
 * `filter` step: comparisons, AND/OR/NOT, IS [NOT] NULL, [NOT] IN (…), [NOT] LIKE with %
 * only at the ends, + - * / and parentheses, over columns, numbers, strings and
 * TRUE/FALSE. Columns are read with `convert_dtypes()` so comparisons give pandas'
 * nullable booleans, whose & | ~ follow SQL's three-valued logic; rows where the mask is
 * missing are dropped, as WHERE drops NULL. Anything outside the subset returns null and
 * the caller writes a `raise NotImplementedError` line instead of guessing. The same parse
 * writes the step's SQL with float NaN read as NULL (`filterSql`), so both agree on NaN.
 */
import type { ColumnInfo } from '../../../../shared/datasets';
import { missingAware, py } from './columns-support';

type Token = { kind: 'name' | 'number' | 'string' | 'op' | 'word'; text: string; start: number; end: number };

const WORDS = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'LIKE', 'TRUE', 'FALSE']);

class Unsupported extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|("(?:[^"]|"")*")|('(?:[^']|'')*')|(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<>|!=|<=|>=|==|[=<>()+\-*/,])/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) throw new Unsupported();
    const span = { start: at, end: pattern.lastIndex };
    at = pattern.lastIndex;
    if (m[1]) tokens.push({ kind: 'name', text: m[1].slice(1, -1).replaceAll('""', '"'), ...span });
    else if (m[2]) tokens.push({ kind: 'string', text: m[2].slice(1, -1).replaceAll("''", "'"), ...span });
    else if (m[3]) tokens.push({ kind: 'number', text: m[3], ...span });
    else if (m[4]) {
      const upper = m[4].toUpperCase();
      tokens.push(
        WORDS.has(upper) ? { kind: 'word', text: upper, ...span } : { kind: 'name', text: m[4], ...span },
      );
    } else if (m[5]) tokens.push({ kind: 'op', text: m[5], ...span });
  }
  return tokens;
}

const COMPARISONS: Record<string, string> = {
  '=': '==',
  '==': '==',
  '<>': '!=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** A recursive-descent parser that writes Python as it goes. */
class Translator {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly columns: ColumnInfo[],
  ) {}

  translate(): string {
    const out = this.or();
    if (this.at !== this.tokens.length) throw new Unsupported();
    return out;
  }

  private peek(text: string): boolean {
    const token = this.tokens[this.at];
    return token !== undefined && (token.kind === 'word' || token.kind === 'op') && token.text === text;
  }

  private take(text: string): boolean {
    if (!this.peek(text)) return false;
    this.at += 1;
    return true;
  }

  private expect(text: string): void {
    if (!this.take(text)) throw new Unsupported();
  }

  private or(): string {
    let left = this.and();
    while (this.take('OR')) left = `(${left} | ${this.and()})`;
    return left;
  }

  private and(): string {
    let left = this.not();
    while (this.take('AND')) left = `(${left} & ${this.not()})`;
    return left;
  }

  private not(): string {
    return this.take('NOT') ? `(~${this.not()})` : this.predicate();
  }

  private predicate(): string {
    const left = this.sum();
    if (this.take('IS')) {
      const negated = this.take('NOT');
      this.expect('NULL');
      return `${left}.${negated ? 'notna' : 'isna'}().astype("boolean")`;
    }
    const negated = this.take('NOT');
    if (this.take('IN')) return this.negate(this.inList(left), negated);
    if (this.take('LIKE')) return this.negate(this.like(left), negated);
    if (negated) throw new Unsupported();
    const token = this.tokens[this.at];
    const op = token?.kind === 'op' ? COMPARISONS[token.text] : undefined;
    if (op === undefined) return left;
    this.at += 1;
    return `(${left} ${op} ${this.sum()})`;
  }

  private negate(mask: string, negated: boolean): string {
    return negated ? `(~${mask})` : mask;
  }

  private inList(left: string): string {
    this.expect('(');
    const values = [this.literal()];
    while (this.take(',')) values.push(this.literal());
    this.expect(')');
    // isin answers False for a missing value; SQL answers NULL, so put the gap back.
    return `${left}.isin([${values.join(', ')}]).astype("boolean").mask(${left}.isna())`;
  }

  private like(left: string): string {
    const token = this.tokens[this.at];
    if (token?.kind !== 'string') throw new Unsupported();
    this.at += 1;
    const pattern = token.text;
    const starts = pattern.endsWith('%');
    const ends = pattern.startsWith('%');
    const core = pattern.slice(ends ? 1 : 0, starts ? -1 : undefined);
    if (core.includes('%') || core.includes('_') || (core === '' && !starts)) throw new Unsupported();
    if (starts && ends) return `${left}.str.contains(${py(core)}, regex=False)`;
    if (starts) return `${left}.str.startswith(${py(core)})`;
    if (ends) return `${left}.str.endswith(${py(core)})`;
    return `(${left} == ${py(core)})`;
  }

  private literal(): string {
    const token = this.tokens[this.at];
    const negative = token?.kind === 'op' && token.text === '-';
    const value = this.tokens[this.at + (negative ? 1 : 0)];
    if (value?.kind === 'string' && !negative) {
      this.at += 1;
      return py(value.text);
    }
    if (value?.kind === 'number') {
      this.at += negative ? 2 : 1;
      return `${negative ? '-' : ''}${value.text}`;
    }
    throw new Unsupported();
  }

  private sum(): string {
    let left = this.product();
    for (;;) {
      const op = this.take('+') ? '+' : this.take('-') ? '-' : undefined;
      if (!op) return left;
      left = `(${left} ${op} ${this.product()})`;
    }
  }

  private product(): string {
    let left = this.unary();
    for (;;) {
      const op = this.take('*') ? '*' : this.take('/') ? '/' : undefined;
      if (!op) return left;
      left = `(${left} ${op} ${this.unary()})`;
    }
  }

  private unary(): string {
    return this.take('-') ? `(-${this.unary()})` : this.atom();
  }

  private atom(): string {
    if (this.take('(')) {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const token = this.tokens[this.at];
    if (!token) throw new Unsupported();
    this.at += 1;
    if (token.kind === 'number') return token.text;
    if (token.kind === 'string') return py(token.text);
    if (token.kind === 'word' && (token.text === 'TRUE' || token.text === 'FALSE')) {
      return token.text === 'TRUE' ? 'True' : 'False';
    }
    if (token.kind === 'name') return `_col(${py(this.columnName(token.text))})`;
    throw new Unsupported();
  }

  /** DuckDB matches names without case, so the expression may spell a column differently. */
  columnName(name: string): string {
    const exact = this.columns.find((c) => c.name === name);
    const column = exact ?? this.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column) throw new Unsupported();
    return column.name;
  }
}

/** Pandas lines keeping the rows where `expression` holds, or null outside the subset. */
export function pandasFilter(expression: string, columns: ColumnInfo[]): string[] | null {
  let mask: string;
  try {
    mask = new Translator(tokenize(expression), columns).translate();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  return [
    '_col = lambda name: df[name].convert_dtypes()',
    `_mask = pd.Series(${mask}, index=df.index, dtype="boolean")`,
    'df = df[_mask.fillna(False).astype(bool)]',
  ];
}

/**
 * The expression as the filter's SQL. Within the translatable subset, float columns are
 * read with NaN as NULL (DuckDB otherwise ranks NaN above every number, so `x > 3` would
 * keep NaN rows that pandas drops); anything else is DuckDB's to read as written.
 */
export function filterSql(expression: string, columns: ColumnInfo[]): string {
  let tokens: Token[];
  let translator: Translator;
  try {
    tokens = tokenize(expression);
    translator = new Translator(tokens, columns);
    translator.translate();
  } catch (error) {
    if (error instanceof Unsupported) return expression;
    throw error;
  }
  let out = '';
  let at = 0;
  for (const token of tokens) {
    if (token.kind !== 'name') continue;
    const name = translator.columnName(token.text);
    const column = columns.find((c) => c.name === name);
    if (!column) continue;
    out += `${expression.slice(at, token.start)}${missingAware(column)}`;
    at = token.end;
  }
  return out + expression.slice(at);
}
