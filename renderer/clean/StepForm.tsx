/**
 * The form of the operation being written or edited, generated from its schema, with the
 * sentences of what is missing, the engine's problem with it, and what it would do on the
 * preview (before it is added to the recipe).
 */
import type { ColumnInfo } from '../../shared/datasets';
import { useClean, useDatasets } from '../app-stores';
import { DateExampleHelper } from './DateExampleHelper';
import { DraftFeedback } from './DraftFeedback';
import { DraftFields } from './DraftFields';
import { opLabel } from './operations';
import { toStep } from './step-fields';

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
      <DraftFields
        op={draft.op}
        values={draft.values}
        errors={errors}
        problem={problem}
        columns={columns}
        datasets={datasets.map((d) => d.name)}
        onChange={setDraftValues}
      />
      {draft.op === 'parse_date' && (
        <DateExampleHelper
          column={String(draft.values.column ?? '')}
          onUse={(format) => setDraftValues({ ...draft.values, format })}
        />
      )}
      <DraftFeedback
        step={step}
        problem={problem}
        previewError={previewError}
        summary={summary}
        previewing={previewing}
        noun="step"
      />
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
