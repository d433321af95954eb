/**
 * Saving the version in hand as a new feature set (or a new version of one): its name, the
 * entity's key columns, the event-time column, the feature columns, a time-to-live and
 * who owns it. Feature steps built but not applied go with it as the set's recipe, so the
 * set's lineage shows them. The save is a job with a progress bar.
 */
import type { DatasetVersion } from '../../shared/datasets';
import { useFeatures } from '../app-stores';
import { ColumnChecklist } from '../clean/ColumnChecklist';
import { versionLabel } from '../datasets/version-label';
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
  const form = useFeatureSetForm(version, columns, steps);
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
      <label className="clean-field">
        <span className="field-label">Name</span>
        <input
          aria-label="Feature set name"
          value={form.texts.name}
          onChange={(e) => form.setText('name', e.target.value)}
        />
      </label>
      <div className="feature-set-columns">
        <div className="clean-field">
          <span className="field-label">Entity (key columns)</span>
          <ColumnChecklist
            label="Entity"
            columns={columns.filter((c) => c.name !== form.timeColumn)}
            value={form.entity}
            onChange={form.setEntity}
          />
        </div>
        <div className="clean-field">
          <span className="field-label">Features ({form.features.length})</span>
          <ColumnChecklist
            label="Features"
            columns={form.candidates}
            value={form.features}
            onChange={form.setFeatures}
          />
        </div>
      </div>
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
