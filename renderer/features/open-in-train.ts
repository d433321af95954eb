/**
 * Taking a version the Features view made to Train: open it in the shared picker, prepare
 * Train's form with the chosen features (and a target when one is known), then show Train.
 * Used by "Train on it" for a feature set and for a joined training table
 * (docs/architecture.md, "The Features view").
 */
import { useDatasets, useTrain } from '../app-stores';
import { reportError } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';

export interface TrainOpening {
  /** The version's id and its "dataset@N". */
  version: string;
  label: string;
  features: string[];
  target?: string;
}

export function openInTrain({ version, label, features, target }: TrainOpening): void {
  const dataset = label.slice(0, label.lastIndexOf('@'));
  void useDatasets
    .getState()
    .load()
    .then(() => useDatasets.getState().open(dataset, version))
    .then(() => {
      const train = useTrain.getState();
      train.prepare(version, features);
      useUi.getState().setView('train');
      if (target && train.target !== target) return train.setTarget(version, target);
    })
    .catch((error: unknown) => reportError(error));
}
