/** The save form's two column lists: the entity's key columns and the features (all but entity and time). */
import type { ColumnInfo } from '../../shared/datasets';
import { ColumnChecklist } from '../clean/ColumnChecklist';
import type { FeatureSetForm } from './use-feature-set-form';

export function FeatureSetColumns({ form, columns }: { form: FeatureSetForm; columns: ColumnInfo[] }) {
  return (
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
  );
}
