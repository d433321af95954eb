/**
 * The form of the operation being written or edited, generated from its schema, with the
 * sentences of what is missing, the engine's problem with it, and what it would do on the
 * preview (before it is added to the recipe).
 */
import type { ColumnInfo } from '../../shared/datasets';
import { useClean, useDatasets } from '../app-stores';
import { DateExampleHelper } from './DateExampleHelper';
import { FieldInput } from './FieldInput';
import { opLabel } from './operations';
import { fieldsOf, toStep } from './step-fields';
import { summaryWords } from './step-words';

export function StepForm({ columns }: { columns: ColumnInfo[] }) {
  const draft = useClean((s) => s.draft);
  const steps = useClean((s) => s.steps);
  const preview = useClean((s) => s.preview);
  const problems = useClean((s) => s.problems);
  const previewing = useClean((s) => s.previewing);
  const previewError = useClean((s) => s.previewError);
  const datasets = useDatasets((s) => s.list);
  if (!draft) return null;
  const { setDraftValues, commitDraft, cancelDraft } = useClean.getState();
  const index = draft.editing ?? steps.length;
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
        <span className="muted"> · {draft.editing === null ? 'new step' : `step ${index + 1}`}</span>
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
      {draft.op === 'parse_date' && (
        <DateExampleHelper
          column={String(draft.values.column ?? '')}
          onUse={(format) => setDraftValues({ ...draft.values, format })}
        />
      )}
      {problem && !problem.field && <p className="form-error">{problem.message}</p>}
      {step && !problem && previewError && (
        <p className="form-error" role="alert">
          {previewError}
        </p>
      )}
      <p className="clean-draft-effect muted" data-testid="draft-effect" aria-live="polite">
        {step === null
          ? 'Fill in the form to preview this step.'
          : summary
            ? `Preview: ${summaryWords(summary).join(' · ')}`
            : previewing
              ? 'Previewing…'
              : ''}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={step === null}>
          {draft.editing === null ? 'Add step' : 'Update step'}
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
