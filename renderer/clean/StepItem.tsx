/** One step of the recipe: what it does, its counts, its problem, and its buttons. */
import type { StepProblem, StepSummary } from '../../shared/clean/clean-api';
import type { Step } from '../../shared/clean/recipe';
import { useClean } from '../app-stores';
import { opLabel } from './operations';
import { stepArguments, summaryWords } from './step-words';

interface Props {
  step: Step;
  index: number;
  count: number;
  summary: StepSummary | undefined;
  problems: StepProblem[];
  selected: boolean;
  editing: boolean;
}

export function StepItem({ step, index, count, summary, problems, selected, editing }: Props) {
  const clean = useClean.getState();
  const classes = [
    'clean-step',
    selected ? 'selected' : '',
    editing ? 'editing' : '',
    problems.length ? 'has-problem' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} data-testid="clean-step" data-op={step.op}>
      <button
        type="button"
        className="clean-step-main"
        aria-pressed={selected}
        title="Show the data after this step"
        onClick={() => clean.selectStep(index)}
      >
        <span className="clean-step-title">
          {index + 1}. {opLabel(step.op)}
        </span>
        <span className="clean-step-args">{stepArguments(step)}</span>
        {summary && <span className="clean-step-counts">{summaryWords(summary).join(' · ')}</span>}
      </button>
      {problems.map((p, i) => (
        <p key={i} className="form-error clean-step-problem" role="alert">
          {p.message}
        </p>
      ))}
      <div className="clean-step-actions">
        <button type="button" aria-label={`Edit step ${index + 1}`} onClick={() => clean.editStep(index)}>
          Edit
        </button>
        <button
          type="button"
          aria-label={`Move step ${index + 1} up`}
          disabled={index === 0}
          onClick={() => clean.moveStep(index, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move step ${index + 1} down`}
          disabled={index === count - 1}
          onClick={() => clean.moveStep(index, 1)}
        >
          ↓
        </button>
        <button type="button" aria-label={`Remove step ${index + 1}`} onClick={() => clean.removeStep(index)}>
          ✕
        </button>
      </div>
    </li>
  );
}
