/** A step and what it did, in a line people read in the recipe list and the form. */
import type { StepSummary } from '../../shared/clean/clean-api';
import type { Step } from '../../shared/clean/recipe';
import { formatCount } from '../../shared/format';

/** Arguments shown by value alone; the others read "key: value". */
const BARE = new Set(['column', 'columns', 'expression', 'query']);

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (typeof v === 'boolean' ? (v ? k : '') : `${k}: ${valueText(v)}`))
      .filter((s) => s !== '')
      .join(' ');
  }
  return String(value);
}

/** The step's arguments in short: "Release Date, %b %d %Y". */
export function stepArguments(step: Step): string {
  const text = Object.entries(step)
    .filter(([key]) => key !== 'op')
    .map(([key, value]) => {
      if (typeof value === 'boolean') return value ? key.replace(/_/g, ' ') : '';
      return BARE.has(key) ? valueText(value) : `${key.replace(/_/g, ' ')}: ${valueText(value)}`;
    })
    .filter((s) => s !== '')
    .join(' · ');
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** What a step did: "rows 3,201 → 3,100 · +1 column · 120 cells changed". */
export function summaryWords(summary: StepSummary): string[] {
  const words: string[] = [];
  if (summary.rowsBefore !== summary.rowsAfter) {
    words.push(`rows ${formatCount(summary.rowsBefore)} → ${formatCount(summary.rowsAfter)}`);
  }
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  if (summary.addedColumns.length > 0) words.push(`+${plural(summary.addedColumns.length, 'column')}`);
  if (summary.removedColumns.length > 0) words.push(`−${plural(summary.removedColumns.length, 'column')}`);
  if (summary.changedCells !== null && summary.changedCells > 0) {
    words.push(`${plural(summary.changedCells, 'cell')} changed`);
  }
  if (words.length === 0) words.push('no change');
  return words;
}
