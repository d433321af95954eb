/** The filters in force as removable chips, and a way back to hidden columns. */
import type { Filter } from '../../shared/datasets';
import { describeFilter } from './filters';

interface Props {
  filters: Filter[];
  hiddenCount: number;
  onFiltersChange?: ((filters: Filter[]) => void) | undefined;
  onShowAll(): void;
}

export function GridChips({ filters, hiddenCount, onFiltersChange, onShowAll }: Props) {
  if (filters.length === 0 && hiddenCount === 0) return null;
  return (
    <div className="grid-chips">
      {filters.map((f, i) => (
        <span key={`${f.column}-${i}`} className="chip">
          {describeFilter(f)}
          <button
            type="button"
            className="ghost icon"
            aria-label={`Remove filter on ${f.column}`}
            onClick={() => onFiltersChange?.(filters.filter((_x, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      {hiddenCount > 0 && (
        <button type="button" className="ghost" onClick={onShowAll}>
          Show {hiddenCount} hidden column{hiddenCount === 1 ? '' : 's'}
        </button>
      )}
    </div>
  );
}
