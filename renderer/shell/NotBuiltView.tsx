/** The honest empty state of a capability this build does not have yet: no invented data. */
import type { Capability } from './capabilities';
import { EmptyState } from './EmptyState';

export function NotBuiltView({ capability }: { capability: Capability }) {
  return (
    <EmptyState title={capability.label} icon={capability.icon}>
      <p>{capability.purpose}</p>
      <p>This capability is not part of this build of Assay yet, so there is nothing to show here.</p>
    </EmptyState>
  );
}
