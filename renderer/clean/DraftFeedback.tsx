/**
 * Under a draft's fields: the engine's problem with the whole step, the preview's error,
 * and what the step would do on the preview before it is added. Shared by the Clean view's
 * step form and the Features view's builder.
 */
import type { StepProblem, StepSummary } from '../../shared/clean/clean-api';
import type { Step } from '../../shared/clean/recipe';
import { summaryWords } from './step-words';

interface DraftFeedbackProps {
  step: Step | null;
  problem: StepProblem | undefined;
  previewError: string | null;
  summary: StepSummary | undefined;
  previewing: boolean;
  /** What is being written, for the empty sentence: "step", "feature". */
  noun: string;
}

export function DraftFeedback({
  step,
  problem,
  previewError,
  summary,
  previewing,
  noun,
}: DraftFeedbackProps) {
  return (
    <>
      {problem && !problem.field && <p className="form-error">{problem.message}</p>}
      {step && !problem && previewError && (
        <p className="form-error" role="alert">
          {previewError}
        </p>
      )}
      <p className="clean-draft-effect muted" data-testid="draft-effect" aria-live="polite">
        {step === null
          ? `Fill in the form to preview this ${noun}.`
          : summary
            ? `Preview: ${summaryWords(summary).join(' · ')}`
            : previewing
              ? 'Previewing…'
              : ''}
      </p>
    </>
  );
}
