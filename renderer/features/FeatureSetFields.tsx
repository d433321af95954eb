/** The save form's plain fields: time column, time-to-live, owner, tags and description. */
import type { ColumnInfo } from '../../shared/datasets';
import type { FeatureSetForm, FeatureSetTexts } from './use-feature-set-form';

const TEXTS: Array<[keyof FeatureSetTexts, string, string]> = [
  ['ttl', 'Time-to-live (optional)', '30d, 12h, 90m'],
  ['owner', 'Owner (optional)', ''],
  ['tags', 'Tags (optional)', 'comma, separated'],
];

export function FeatureSetFields({ form, columns }: { form: FeatureSetForm; columns: ColumnInfo[] }) {
  return (
    <>
      <div className="feature-set-row">
        <label className="clean-field">
          <span className="field-label">Time column</span>
          <select
            aria-label="Time column"
            value={form.timeColumn}
            onChange={(e) => form.setTimeColumn(e.target.value)}
          >
            <option value="">Choose…</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {TEXTS.map(([key, label, placeholder]) => (
          <label key={key} className="clean-field">
            <span className="field-label">{label}</span>
            <input
              aria-label={label.replace(' (optional)', '')}
              placeholder={placeholder}
              value={form.texts[key]}
              onChange={(e) => form.setText(key, e.target.value)}
            />
          </label>
        ))}
      </div>
      <label className="clean-field">
        <span className="field-label">Description (optional)</span>
        <textarea
          aria-label="Description"
          rows={2}
          value={form.texts.description}
          onChange={(e) => form.setText('description', e.target.value)}
        />
      </label>
    </>
  );
}
