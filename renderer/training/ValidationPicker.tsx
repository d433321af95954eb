/** Step 5 of the Train form: how the data is split to measure a model (holdout or k-fold). */
import type { Task, ValidationSpec } from '../../shared/training';
import { useTrain } from '../app-stores';
import { HoldoutFields } from './HoldoutFields';

export function ValidationPicker({ task, columns }: { task: Task | null; columns: string[] }) {
  const { validation, set } = useTrain();
  const kind = validation.kind === 'kfold' ? 'kfold' : validation.kind === 'none' ? 'none' : 'holdout';
  const update = (next: ValidationSpec) => set({ validation: next });
  return (
    <section className="form-step">
      <h2>5 · Validation</h2>
      <div className="row wrap">
        <select
          aria-label="Validation scheme"
          value={kind}
          onChange={(e) =>
            update(
              e.target.value === 'kfold'
                ? { kind: 'kfold', folds: 5, ...(task !== 'regression' ? { stratified: true } : {}) }
                : {
                    kind: 'holdout',
                    fraction: 0.2,
                    strategy: task === 'regression' ? 'random' : 'stratified',
                  },
            )
          }
        >
          <option value="holdout">Holdout</option>
          <option value="kfold">k-fold cross-validation</option>
        </select>
        {validation.kind === 'holdout' && (
          <HoldoutFields validation={validation} task={task} columns={columns} onChange={update} />
        )}
        {validation.kind === 'kfold' && (
          <label className="row">
            Folds
            <input
              className="narrow"
              type="number"
              min={2}
              max={20}
              value={validation.folds ?? 5}
              aria-label="Folds"
              onChange={(e) =>
                update({ ...validation, folds: Math.max(2, Math.round(Number(e.target.value))) })
              }
            />
          </label>
        )}
      </div>
    </section>
  );
}
