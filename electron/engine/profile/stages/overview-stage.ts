/**
 * The overview stage: the column profiles from the statistics stage's results and the
 * dataset's overview tiles (rows, missing cells, type counts, first rows), reported as
 * the first partial profile. Duplicates are filled in by their own stage later.
 */
import type {
  ColumnProfile,
  DatasetOverview,
  MissingSummary,
  SemanticType,
} from '../../../../shared/profile';
import { applyValueSummary, buildColumn } from '../build-column';
import { type ProfileRun, STAGE_END } from '../run-context';
import type { ColumnStatistics } from './statistics-stage';

/** The profile as the later stages fill it in. */
export interface ProfileDraft {
  overview: DatasetOverview;
  columns: ColumnProfile[];
  missing: MissingSummary;
}

const emptyTypeCounts = (): Record<SemanticType, number> => ({
  numeric: 0,
  categorical: 0,
  boolean: 0,
  datetime: 0,
  text: 0,
  id: 0,
  unsupported: 0,
});

export function overviewStage(run: ProfileRun, { stats, summaries }: ColumnStatistics): ProfileDraft {
  const { columns, rows, table, settings } = run;
  const profiles = columns.map((c) =>
    buildColumn(c, stats.get(c.index)!, rows, settings.thresholds, run.approximateQuantiles),
  );
  for (const c of columns) {
    const summary = summaries.get(c.index);
    if (summary) applyValueSummary(profiles[c.index], c, summary, stats.get(c.index)!, settings.thresholds);
  }
  const missingCells = profiles.reduce((a, p) => a + p.missing, 0);
  const cells = rows * columns.length;
  const overview: DatasetOverview = {
    rows,
    columns: columns.length,
    missingCells,
    missingCellsFraction: cells > 0 ? missingCells / cells : 0,
    duplicateRows: 0,
    duplicateRowsFraction: 0,
    duplicateGroups: 0,
    mostDuplicated: [],
    typeCounts: emptyTypeCounts(),
    sampleRows: run.sampleRows,
  };
  for (const p of profiles) overview.typeCounts[p.semanticType]++;
  run.progress.endStage('value counts');
  run.progress.report(STAGE_END.overview, 'overview', { table, overview, columns: profiles });
  return { overview, columns: profiles, missing: { matrix: null, heatmap: null } };
}
