/** The duplicates stage: duplicate rows and the most repeated ones, into the overview. */
import { computeDuplicates } from '../duplicates';
import { type ProfileRun, STAGE_END } from '../run-context';
import type { ProfileDraft } from './overview-stage';

export async function duplicatesStage(run: ProfileRun, draft: ProfileDraft): Promise<void> {
  const { pool, table, columns, rows, signal } = run;
  const duplicates = await pool.use((c) => computeDuplicates(c, table, columns, signal));
  const { overview } = draft;
  overview.duplicateRows = duplicates.duplicateRows;
  overview.duplicateGroups = duplicates.duplicateGroups;
  overview.duplicateRowsFraction = rows > 0 ? duplicates.duplicateRows / rows : 0;
  overview.mostDuplicated = duplicates.mostDuplicated;
  run.progress.endStage('duplicates');
  run.progress.report(STAGE_END.duplicates, 'duplicates', { table, overview, columns: draft.columns });
}
