/**
 * parse_date's "by example" helper: from one example of a column's dates ("Jun 12 1998",
 * "12/06/1998", "1998-06-12 14:30", "12.06.98") propose the DuckDB strptime format that
 * reads it. An example alone cannot tell day from month ("12/06/1998"), so every reading
 * is a candidate, and the column's own values decide: a candidate that cannot read a value
 * (13 where a month should be) loses. What is still tied is offered as a choice.
 * Pure, so the renderer and the tests share it.
 */

export interface DateFormatGuess {
  /** The strptime format, e.g. "%b %d %Y". */
  format: string;
  /** How many of the values checked it reads. */
  matched: number;
  checked: number;
}

type Token = { kind: 'digits' | 'alpha' | 'other'; text: string };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/(\d+)|([A-Za-z]+)|([^\dA-Za-z]+)/g)) {
    const kind = m[1] !== undefined ? 'digits' : m[2] !== undefined ? 'alpha' : 'other';
    tokens.push({ kind, text: m[0] });
  }
  return tokens;
}

/** The specifier of a word: a month or weekday name, AM/PM, or the word itself (a literal). */
function wordSpec(word: string): string {
  const w = word.toLowerCase();
  if (MONTHS.includes(w)) return '%B';
  if (w.length === 3 && MONTHS.some((m) => m.startsWith(w))) return '%b';
  if (WEEKDAYS.includes(w)) return '%A';
  if (w.length === 3 && WEEKDAYS.some((d) => d.startsWith(w))) return '%a';
  if (w === 'am' || w === 'pm') return '%p';
  return word;
}

const literal = (text: string) => text.replace(/%/g, '%%');

/** The orders a day, a month and a year may come in, each a list of specifiers by position. */
function dateOrders(parts: string[], namedMonth: boolean): string[][] {
  const n = parts.map(Number);
  const fourDigit = parts.map((p) => p.length === 4);
  if (namedMonth) {
    // "Jun 12 1998", "12 June 98": the number that is not a year is the day.
    if (parts.length === 1) return [[fourDigit[0] ? '%Y' : '%d']];
    if (parts.length !== 2) return [];
    if (fourDigit[0] || (n[0] ?? 0) > 31) return [[fourDigit[0] ? '%Y' : '%y', '%d']];
    return [['%d', fourDigit[1] ? '%Y' : '%y']];
  }
  if (parts.length === 3) {
    const y = (i: number) => (fourDigit[i] ? '%Y' : '%y');
    // A year first is ISO's order (year, month, day); otherwise day and month may swap.
    if (fourDigit[0] || (n[0] ?? 0) > 31) return [[y(0), '%m', '%d']];
    return [['%m', '%d', y(2)], ['%d', '%m', y(2)], ...(fourDigit[2] ? [] : [[y(0), '%m', '%d']])];
  }
  if (parts.length === 2) {
    if (fourDigit[0]) return [['%Y', parts[1]?.length === 3 ? '%j' : '%m']];
    if (fourDigit[1]) return [['%m', '%Y']];
    return [
      ['%m', '%d'],
      ['%d', '%m'],
    ];
  }
  return [];
}

/** A run of digits with no separators: 19980612, 1998061214, 19980612143000. */
function compactSpec(digits: string): string | null {
  const layouts: Record<number, string> = {
    6: '%y%m%d',
    8: '%Y%m%d',
    12: '%Y%m%d%H%M',
    14: '%Y%m%d%H%M%S',
  };
  return layouts[digits.length] ?? null;
}

/** The specifiers of the time's numbers: hours, minutes, seconds, then a fraction. */
function timeSpecs(count: number, twelveHour: boolean, fraction: string | null): string[] {
  const specs = [twelveHour ? '%I' : '%H', '%M', '%S'].slice(0, count);
  if (fraction) specs.push(fraction.length <= 3 ? '%g' : fraction.length <= 6 ? '%f' : '%n');
  return specs;
}

/** Which digit tokens belong to the time: those joined by ':' (and a fraction after the seconds). */
function timeIndexes(tokens: Token[]): { hms: number[]; fraction: number | null } {
  const hms: number[] = [];
  let fraction: number | null = null;
  tokens.forEach((t, i) => {
    if (t.kind !== 'digits') return;
    const prev = tokens[i - 1]?.text;
    const next = tokens[i + 1]?.text;
    if (prev === ':' || next === ':') hms.push(i);
    else if ((prev === '.' || prev === ',') && hms.includes(i - 2)) fraction = i;
  });
  return { hms, fraction };
}

/** Every format that reads `example`, most usual first. */
export function candidateFormats(example: string): string[] {
  const tokens = tokenize(example.trim());
  if (tokens.length === 0) return [];
  const words = tokens.map((t) => (t.kind === 'alpha' ? wordSpec(t.text) : null));
  const { hms, fraction } = timeIndexes(tokens);
  const twelveHour = words.includes('%p');
  const times = timeSpecs(hms.length, twelveHour, fraction === null ? null : (tokens[fraction]?.text ?? ''));
  const timeAt = [...hms, ...(fraction === null ? [] : [fraction])];
  const dateAt = tokens.flatMap((t, i) => (t.kind === 'digits' && !timeAt.includes(i) ? [i] : []));
  const compact = dateAt.length === 1 && !words.some((w) => w === '%b' || w === '%B');
  const orders = compact
    ? [[compactSpec(tokens[dateAt[0] ?? 0]?.text ?? '') ?? '']].filter((o) => o[0] !== '')
    : dateOrders(
        dateAt.map((i) => tokens[i]?.text ?? ''),
        words.some((w) => w === '%b' || w === '%B'),
      );
  const formats = orders.map((order) =>
    tokens
      .map((t, i) => {
        const d = dateAt.indexOf(i);
        if (d >= 0) return order[d];
        const h = timeAt.indexOf(i);
        if (h >= 0) return times[h];
        return t.kind === 'alpha' ? literalWord(words[i] ?? t.text) : literal(t.text);
      })
      .join(''),
  );
  return [...new Set(formats)].filter((f) => readsDate(f, example));
}

const literalWord = (spec: string) => (spec.startsWith('%') ? spec : literal(spec));

interface Field {
  pattern: string;
  check?: (text: string) => boolean;
}

const between = (lo: number, hi: number) => (text: string) => Number(text) >= lo && Number(text) <= hi;
const names = (list: string[], short: boolean) => (short ? list.map((m) => m.slice(0, 3)) : list).join('|');

const FIELDS: Record<string, Field> = {
  Y: { pattern: '\\d{4}' },
  y: { pattern: '\\d{2}' },
  m: { pattern: '\\d{1,2}', check: between(1, 12) },
  d: { pattern: '\\d{1,2}', check: between(1, 31) },
  H: { pattern: '\\d{1,2}', check: between(0, 23) },
  I: { pattern: '\\d{1,2}', check: between(1, 12) },
  M: { pattern: '\\d{1,2}', check: between(0, 59) },
  S: { pattern: '\\d{1,2}', check: between(0, 60) },
  j: { pattern: '\\d{1,3}', check: between(1, 366) },
  g: { pattern: '\\d{1,3}' },
  f: { pattern: '\\d{1,6}' },
  n: { pattern: '\\d{1,9}' },
  p: { pattern: '[AaPp][Mm]' },
  b: { pattern: names(MONTHS, true) },
  B: { pattern: names(MONTHS, false) },
  a: { pattern: names(WEEKDAYS, true) },
  A: { pattern: names(WEEKDAYS, false) },
  z: { pattern: '[+-]\\d{2}:?\\d{2}|Z' },
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A reader for a format: a regular expression with one group per specifier, and their checks. */
function readerOf(format: string): { regex: RegExp; checks: Array<Field['check']> } | null {
  let source = '';
  const checks: Array<Field['check']> = [];
  for (let i = 0; i < format.length; i += 1) {
    const c = format[i] ?? '';
    if (c !== '%') {
      source += /\s/.test(c) ? '\\s+' : escape(c);
      continue;
    }
    i += 1;
    const spec = format[i] ?? '';
    if (spec === '%') {
      source += '%';
      continue;
    }
    const field = FIELDS[spec];
    if (!field) return null;
    source += `(${field.pattern})`;
    checks.push(field.check);
  }
  return { regex: new RegExp(`^\\s*${source}\\s*$`, 'i'), checks };
}

/** Whether `format` reads `text` as a date (each part within its range), as strptime would. */
export function readsDate(format: string, text: string): boolean {
  const reader = readerOf(format);
  const m = reader?.regex.exec(text);
  if (!reader || !m) return false;
  return reader.checks.every((check, i) => !check || check(m[i + 1] ?? ''));
}

/**
 * The formats to propose for `example`, best first: those that read the most of `values`
 * (the column's values; a few dozen are enough), ties kept as choices. Without values every
 * reading of the example is offered.
 */
export function guessDateFormats(example: string, values: readonly string[] = []): DateFormatGuess[] {
  const sample = values.map((v) => v.trim()).filter((v) => v !== '');
  const scored = candidateFormats(example).map((format) => ({
    format,
    matched: sample.filter((v) => readsDate(format, v)).length,
    checked: sample.length,
  }));
  const best = Math.max(0, ...scored.map((s) => s.matched));
  return scored.filter((s) => s.matched === best);
}
