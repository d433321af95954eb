/**
 * The duplicates stage: duplicate rows and the most repeated ones, into the overview. The
 * statement needs nothing but the columns, so it starts with the profile (`startDuplicates`)
 * and runs while the column statistics are read and sorted in JavaScript; the stage only
 * waits for what is left of it.
 */
import { type DuplicateSummary, computeDuplicates } from '../duplicates';
import { type ProfileRun, STAGE_END } from '../run-context';
import type { ProfileDraft } from './overview-stage';

/** Queues the duplicates statement on the pool; a failure surfaces from `duplicatesStage`. */
export function startDuplicates(run: ProfileRun): Promise<DuplicateSummary> {
  const { pool, table, columns, signal } = run;
  const task = pool.use((c) => computeDuplicates(c, table, columns, signal));
  task.catch(() => undefined);
  return task;
}

export async function duplicatesStage(
  run: ProfileRun,
  draft: ProfileDraft,
  pending: Promise<DuplicateSummary>,
): Promise<void> {
  const { table, rows } = run;
  const duplicates = await pending;
  const { overview } = draft;
  overview.duplicateRows = duplicates.duplicateRows;
  overview.duplicateGroups = duplicates.duplicateGroups;
  overview.duplicateRowsFraction = rows > 0 ? duplicates.duplicateRows / rows : 0;
  overview.mostDuplicated = duplicates.mostDuplicated;
  run.progress.endStage('duplicates');
  run.progress.report(STAGE_END.duplicates, 'duplicates', { table, overview, columns: draft.columns });
}
