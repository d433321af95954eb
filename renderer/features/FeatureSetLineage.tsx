/** Where a feature set version came from: the source version, the feature steps run on it, and the version holding its rows. */
import type { FeatureSetVersion } from '../../shared/features/feature-sets';
import { opLabel } from '../clean/operations';
import { stepArguments } from '../clean/step-words';

export function FeatureSetLineage({ set }: { set: FeatureSetVersion }) {
  const steps = set.recipe?.steps ?? [];
  return (
    <section aria-label="Lineage" data-testid="feature-set-lineage">
      <h3>Lineage</h3>
      <ol className="feature-lineage">
        <li>
          <span className="muted small">source</span> <strong>{set.source.label}</strong>
        </li>
        {steps.map((step, i) => (
          <li key={i}>
            <span className="muted small">step {i + 1}</span> {opLabel(step.op)}{' '}
            <span className="muted small">{stepArguments(step)}</span>
          </li>
        ))}
        <li>
          <span className="muted small">rows in</span> <strong>{set.materialised.label}</strong>
        </li>
      </ol>
    </section>
  );
}
