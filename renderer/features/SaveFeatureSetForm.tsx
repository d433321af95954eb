/**
 * Saving the version in hand as a new feature set (or a new version of one): its name, the
 * entity's key columns, the event-time column, the feature columns, a time-to-live and
 * who owns it. Feature steps built but not applied go with it as the set's recipe, so the
 * set's lineage shows them. The save is a job with a progress bar.
 */
import type { DatasetVersion } from '../../shared/datasets';
import { useFeatures, useTrain } from '../app-stores';
import { versionLabel } from '../datasets/version-label';
import { FeatureSetColumns } from './FeatureSetColumns';
import { FeatureSetFields } from './FeatureSetFields';
import { JobProgressBar } from './JobProgressBar';
import { useFeatureSetForm } from './use-feature-set-form';

interface Props {
  version: DatasetVersion;
  onSaved(): void;
  onCancel(): void;
}

export function SaveFeatureSetForm({ version, onSaved, onCancel }: Props) {
  const { steps, preview, saving, saveError } = useFeatures();
  const columns = preview?.steps[steps.length - 1]?.columns ?? version.columns;
  // The columns chosen for training in Rank (and their target) are the set's features to start with.
  const train = useTrain.getState();
  const chosen = train.preparedFor === version.id ? new Set([...train.features, train.target]) : null;
  const form = useFeatureSetForm(
    version,
    columns,
    steps,
    chosen ? columns.map((c) => c.name).filter((c) => !chosen.has(c)) : [],
  );
  const save = async () => {
    if (!form.missing && (await useFeatures.getState().saveSet(form.request))) onSaved();
  };
  return (
    <form
      className="clean-form feature-set-form"
      aria-label="Save a feature set"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>
        New feature set <span className="muted">from {versionLabel(version)}</span>
      </h3>
      {steps.length > 0 && (
        <p className="muted small">
          The {steps.length} feature step{steps.length === 1 ? '' : 's'} built and not applied run first; the
          set records them as its recipe.
        </p>
      )}
      {chosen && (
        <p className="muted small" data-testid="features-from-training">
          The features start as the columns chosen for training
          {train.target ? `, with the target ${train.target}` : ''}.
        </p>
      )}
      <label className="clean-field">
        <span className="field-label">Name</span>
        <input
          aria-label="Feature set name"
          value={form.texts.name}
          onChange={(e) => form.setText('name', e.target.value)}
        />
      </label>
      <FeatureSetColumns form={form} columns={columns} />
      <FeatureSetFields form={form} columns={columns} />
      {form.missing && <p className="muted small">{form.missing}</p>}
      {saving && (
        <JobProgressBar label="Saving" progress={saving} onCancel={useFeatures.getState().cancelSave} />
      )}
      {saveError && (
        <p className="form-error" role="alert">
          {saveError}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={form.missing !== null || saving !== null}>
          Save feature set
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
