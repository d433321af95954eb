/**
 * The missing-values stage: the nullity matrix from one grouped scan (started with the
 * profile on tables of up to 200 columns), and — once the
 * association sample is in — the nullity-correlation heatmap from the sample's per-row
 * sets of missing columns.
 */
import type { ProfiledColumn } from '../columns';
import {
  type MissingColumn,
  type MissingCounts,
  computeMissingMatrix,
  heatmapColumns,
  nullityCorrelation,
} from '../missingness';
import { type ProfileRun, STAGE_END } from '../run-context';
import type { ProfileDraft } from './overview-stage';

/** The columns with missing values, given each column's missing count (by index). */
function withMissing(columns: ProfiledColumn[], missing: { missing: number }[]): MissingColumn[] {
  return columns
    .filter((c) => missing[c.index].missing > 0)
    .map((c) => ({ column: c, missing: missing[c.index].missing }));
}

/** The partly-missing columns the nullity heatmap covers (and the sample carries indicators of). */
export function heatmapColumnsOf(run: ProfileRun, missing: { missing: number }[]): MissingColumn[] {
  return heatmapColumns(withMissing(run.columns, missing), run.rows);
}

/** Up to this many columns the matrix is counted for all of them as the profile starts. */
const EARLY_MATRIX_MAX_COLUMNS = 200;

/**
 * The nullity matrix of every column, started with the profile so it overlaps the column
 * statistics (the stage keeps the columns that turn out to have missing values), and each
 * column's missing count in all (`totals[c.index]`: the statistics stage lets the
 * associations start on it before the sorted columns are summarised); undefined for wide
 * tables, where the stage counts only those columns once they are known.
 */
export function startMissingMatrix(run: ProfileRun): Promise<MissingCounts> | undefined {
  const { pool, table, rows, columns, signal } = run;
  if (columns.length > EARLY_MATRIX_MAX_COLUMNS) return undefined;
  const all = columns.map((column) => ({ column, missing: 1 }));
  const task = pool.use((c) => computeMissingMatrix(c, table, rows, all, signal));
  task.catch(() => undefined);
  return task;
}

export async function missingStage(
  run: ProfileRun,
  draft: ProfileDraft,
  early: Promise<MissingCounts> | undefined,
): Promise<void> {
  const { pool, table, rows, signal } = run;
  const columns = withMissing(run.columns, draft.columns);
  if (early) {
    const { matrix } = await early;
    const keep = new Set(columns.map((m) => m.column.name));
    draft.missing.matrix =
      matrix && columns.length > 0
        ? { ...matrix, columns: matrix.columns.filter((c) => keep.has(c.name)) }
        : null;
  } else {
    const counted = await pool.use((c) => computeMissingMatrix(c, table, rows, columns, signal));
    draft.missing.matrix = counted.matrix;
  }
  run.progress.endStage('missing values');
  run.progress.report(STAGE_END.missing, 'missing values', {
    table,
    overview: draft.overview,
    columns: draft.columns,
    missing: { matrix: draft.missing.matrix, heatmap: null },
  });
}

/** φ between the heatmap's columns, from the association sample's missing sets. */
export function nullityHeatmap(run: ProfileRun, draft: ProfileDraft, missingSets: Uint16Array[]): void {
  draft.missing.heatmap = nullityCorrelation(
    heatmapColumnsOf(run, draft.columns).map((m) => m.column.name),
    missingSets,
  );
}
