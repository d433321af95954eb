/** The recipe's steps, in order, with undo and redo. */
import { useClean } from '../app-stores';
import { StepItem } from './StepItem';

export function RecipeSteps() {
  const { steps, past, future, selected, draft, preview, problems } = useClean();
  const { undo, redo } = useClean.getState();
  return (
    <section className="clean-steps" aria-label="Recipe">
      <div className="clean-panel-head">
        <h2>Recipe</h2>
        <button type="button" onClick={undo} disabled={past.length === 0} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={future.length === 0} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
      </div>
      {steps.length === 0 ? (
        <p className="muted">
          No steps yet. Choose an operation on the left; its preview shows before you add it.
        </p>
      ) : (
        <ol>
          {steps.map((step, index) => (
            <StepItem
              key={index}
              step={step}
              index={index}
              count={steps.length}
              summary={preview?.steps[index]}
              problems={problems.filter((p) => p.step === index)}
              selected={selected === index}
              editing={draft?.editing === index}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
