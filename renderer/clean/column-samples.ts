/**
 * A column's text values as the preview shows them, for helpers that learn from the data
 * (parse_date's "by example"): the source rows first, since once the draft's format reads
 * them the result's column holds dates, not the text the format must read.
 */
import type { CleanPreview } from '../../shared/clean/clean-api';
import { decodePage } from '../datasets/arrow-page';

/** Up to `limit` distinct non-empty strings of `column`, in the order the rows show them. */
export function columnSamples(preview: CleanPreview | null, column: string, limit = 200): string[] {
  if (!preview || column === '') return [];
  for (const bytes of [preview.before, preview.page]) {
    if (!bytes || bytes.length === 0) continue;
    const page = decodePage(bytes);
    const at = page.columns.findIndex((c) => c.name === column);
    if (at < 0) continue;
    const seen = new Set<string>();
    for (const row of page.rows) {
      const value = row[at];
      if (typeof value === 'string' && value.trim() !== '') seen.add(value.trim());
      if (seen.size >= limit) break;
    }
    if (seen.size > 0) return [...seen];
  }
  return [];
}
