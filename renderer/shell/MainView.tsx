/**
 * The main area: the view of the capability chosen in the sidebar. Each capability
 * registers its view here when it is built; the rest show their empty state.
 */
import type { ComponentType } from 'react';
import { CleanView } from '../clean/CleanView';
import { DatasetsView } from '../datasets/DatasetsView';
import { ExperimentsView } from '../experiments/ExperimentsView';
import { FeaturesView } from '../features/FeaturesView';
import { ProfileView } from '../profile/ProfileView';
import { RegistryView } from '../registry/RegistryView';
import { TrainView } from '../training/TrainView';
import { capabilities, type CapabilityId } from './capabilities';
import { NotBuiltView } from './NotBuiltView';
import { useUi } from './ui-store';

const views: Partial<Record<CapabilityId, ComponentType>> = {
  datasets: DatasetsView,
  profile: ProfileView,
  clean: CleanView,
  features: FeaturesView,
  train: TrainView,
  experiments: ExperimentsView,
  registry: RegistryView,
};

export function MainView() {
  const id = useUi((s) => s.view);
  const capability = capabilities.find((c) => c.id === id)!;
  const View = views[id];
  return (
    <main className="main" aria-label={capability.label} data-testid={`view-${id}`}>
      {View ? <View /> : <NotBuiltView capability={capability} />}
    </main>
  );
}
