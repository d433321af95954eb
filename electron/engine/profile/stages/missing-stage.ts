/**
 * The missing-values stage: the nullity matrix from one grouped scan, and — once the
 * association sample is in — the nullity-correlation heatmap from the sample's per-row
 * sets of missing columns.
 */
import type { ProfiledColumn } from '../columns';
import { type MissingColumn, computeMissingMatrix, heatmapColumns, nullityCorrelation } from '../missingness';
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

export async function missingStage(run: ProfileRun, draft: ProfileDraft): Promise<void> {
  const { pool, table, rows, signal } = run;
  const columns = withMissing(run.columns, draft.columns);
  draft.missing.matrix = await pool.use((c) => computeMissingMatrix(c, table, rows, columns, signal));
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
