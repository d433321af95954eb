/**
 * "Compare profiles": the Profile view's comparison of a recipe's result with the version
 * it was applied to, opened with both versions chosen (the source as "before"). The
 * Profile store computes whichever profile is missing, so one click is enough.
 */
import type { DatasetVersion } from '../../shared/datasets';
import { useDatasets, useProfile } from '../app-stores';
import { useUi } from '../shell/ui-store';

export function CompareProfilesButton({ version }: { version: DatasetVersion }) {
  const { lineage } = version;
  if (lineage.kind !== 'recipe') return null;
  const open = () => {
    // The Profile view shows the version in hand: make it the result, then ask for the comparison.
    useProfile.getState().wantComparison(version.id, { version: lineage.parent });
    if (useDatasets.getState().version?.id !== version.id) {
      void useDatasets.getState().open(version.dataset, version.id);
    }
    useUi.getState().setView('profile');
  };
  return (
    <button type="button" className="link" onClick={open}>
      Compare profiles
    </button>
  );
}
