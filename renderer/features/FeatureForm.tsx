/**
 * The form of the feature operation being written, generated from its step schema as the
 * Clean view's forms are, with the engine's problem with it and what it would add on the
 * preview (before it is added).
 */
import type { ColumnInfo } from '../../shared/datasets';
import { useDatasets, useFeatures } from '../app-stores';
import { DraftFeedback } from '../clean/DraftFeedback';
import { DraftFields } from '../clean/DraftFields';
import { opLabel } from '../clean/operations';
import { toStep } from '../clean/step-fields';

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
      <DraftFields
        op={draft.op}
        values={draft.values}
        errors={errors}
        problem={problem}
        columns={columns}
        datasets={datasets.map((d) => d.name)}
        onChange={setDraftValues}
      />
      <DraftFeedback
        step={step}
        problem={problem}
        previewError={previewError}
        summary={summary}
        previewing={previewing}
        noun="feature"
      />
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
