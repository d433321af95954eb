/**
 * The form of the feature operation being written, generated from its step schema as the
 * Clean view's forms are, with the engine's problem with it and what it would add on the
 * preview (before it is added).
 */
import type { ColumnInfo } from '../../shared/datasets';
import { useDatasets, useFeatures } from '../app-stores';
import { FieldInput } from '../clean/FieldInput';
import { opLabel } from '../clean/operations';
import { fieldsOf, toStep } from '../clean/step-fields';
import { summaryWords } from '../clean/step-words';

export function FeatureForm({ columns }: { columns: ColumnInfo[] }) {
  const draft = useFeatures((s) => s.draft);
  const steps = useFeatures((s) => s.steps);
  const preview = useFeatures((s) => s.preview);
  const problems = useFeatures((s) => s.problems);
  const previewing = useFeatures((s) => s.previewing);
  const previewError = useFeatures((s) => s.previewError);
  const datasets = useDatasets((s) => s.list);
  if (!draft) return null;
  const { setDraftValues, commitDraft, cancelDraft } = useFeatures.getState();
  const index = steps.length;
  const { step, errors } = toStep(draft.op, draft.values);
  const problem = problems.find((p) => p.step === index);
  const summary = step ? preview?.steps[index] : undefined;
  return (
    <form
      className="clean-form"
      aria-label={`${opLabel(draft.op)} form`}
      onSubmit={(e) => {
        e.preventDefault();
        commitDraft();
      }}
    >
      <h3>
        {opLabel(draft.op)}
        <span className="muted"> · new feature</span>
      </h3>
      {fieldsOf(draft.op).map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={draft.values[field.name]}
          columns={columns}
          datasets={datasets.map((d) => d.name)}
          error={
            problem?.field === field.name
              ? problem.message
              : errorShown(draft.values[field.name], errors[field.name])
          }
          onChange={(value) => setDraftValues({ ...draft.values, [field.name]: value })}
        />
      ))}
      {problem && !problem.field && <p className="form-error">{problem.message}</p>}
      {step && !problem && previewError && (
        <p className="form-error" role="alert">
          {previewError}
        </p>
      )}
      <p className="clean-draft-effect muted" data-testid="draft-effect" aria-live="polite">
        {step === null
          ? 'Fill in the form to preview this feature.'
          : summary
            ? `Preview: ${summaryWords(summary).join(' · ')}`
            : previewing
              ? 'Previewing…'
              : ''}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={step === null || problem !== undefined}>
          Add feature
        </button>
        <button type="button" onClick={cancelDraft}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A field's sentence, once the person has typed something into it (no red on a fresh form). */
function errorShown(value: unknown, error: string | undefined): string | undefined {
  const empty = value === '' || value === undefined || (Array.isArray(value) && value.length === 0);
  return empty ? undefined : error;
}
