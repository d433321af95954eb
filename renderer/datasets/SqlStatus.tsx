/** A query's outcome in a line: rows, whether only the first ones are shown, and time. */
import type { SqlResult } from '../../shared/datasets';
import { formatCount, formatDuration } from '../shell/format';

export function SqlStatus({ result, limit }: { result: SqlResult; limit: number }) {
  return (
    <span className="muted" data-testid="sql-status">
      {formatCount(result.rowCount)} row{result.rowCount === 1 ? '' : 's'}
      {result.truncated ? ` (first ${formatCount(limit)} shown)` : ''} · {formatDuration(result.elapsedMs)}
    </span>
  );
}
