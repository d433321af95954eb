/** Clicking a header cycles its sort: ascending, descending, none; Shift keeps the other keys. */
import type { SortKey } from '../../shared/datasets';

export function nextSort(sort: SortKey[], column: string, additive: boolean): SortKey[] {
  const current = sort.find((s) => s.column === column);
  const next: SortKey | null = !current
    ? { column }
    : !current.descending
      ? { column, descending: true }
      : null;
  const others = additive ? sort.filter((s) => s.column !== column) : [];
  return next ? [...others, next] : others;
}
