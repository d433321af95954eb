/**
 * Where a feature set version came from, oldest first: the versions its source came from
 * (an import, the feature steps a recipe applied…), the steps the set itself ran, and the
 * version holding its rows.
 */
import type { Step } from '../../shared/clean/recipe';
import type { DatasetVersion } from '../../shared/datasets';
import type { FeatureSetVersion } from '../../shared/features/feature-sets';
import { useFeatures } from '../app-stores';
import { opLabel } from '../clean/operations';
import { stepArguments } from '../clean/step-words';
import { describeLineage } from '../datasets/lineage';
import { versionLabel } from '../datasets/version-label';

function StepsList({ steps }: { steps: Step[] }) {
  return (
    <ol className="feature-lineage-steps">
      {steps.map((step, i) => (
        <li key={i}>
          {opLabel(step.op)} <span className="muted small">{stepArguments(step)}</span>
        </li>
      ))}
    </ol>
  );
}

export function FeatureSetLineage({ set }: { set: FeatureSetVersion }) {
  const ancestry = useFeatures((s) => s.ancestry);
  const labels = new Map(ancestry.map((v): [string, string] => [v.id, versionLabel(v)]));
  const describe = (v: DatasetVersion) => describeLineage(v, (id) => labels.get(id) ?? null);
  const steps = set.recipe?.steps ?? [];
  return (
    <section aria-label="Lineage" data-testid="feature-set-lineage">
      <h3>Lineage</h3>
      <ol className="feature-lineage">
        {ancestry.length === 0 && (
          <li>
            <strong>{set.source.label}</strong>
          </li>
        )}
        {ancestry.map((v) => (
          <li key={v.id}>
            <strong>{versionLabel(v)}</strong> <span className="muted small">{describe(v)}</span>
            {v.lineage.kind === 'recipe' && <StepsList steps={v.lineage.recipe.steps} />}
          </li>
        ))}
        {steps.length > 0 && (
          <li>
            <strong>The set’s own steps</strong>
            <StepsList steps={steps} />
          </li>
        )}
        <li>
          <strong>{set.materialised.label}</strong>{' '}
          <span className="muted small">
            the set’s rows: {set.entity.join(', ')}, {set.timeColumn} and {set.features.length} features
          </span>
        </li>
      </ol>
    </section>
  );
}
