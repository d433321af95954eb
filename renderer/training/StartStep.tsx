/**
 * The last step of the Train form: the seed, the button that trains what was chosen,
 * the one that compares every suitable algorithm under cross-validation, and cancel.
 */
import type { DatasetVersion } from '../../shared/datasets';
import type { AlgorithmInfo } from '../../shared/training';
import { useTrain } from '../app-stores';

interface StartStepProps {
  version: DatasetVersion;
  suited: AlgorithmInfo[];
  /** How many chosen algorithms suit the task. */
  chosen: number;
  canStart: boolean;
}

export function StartStep({ version, suited, chosen, canStart }: StartStepProps) {
  const { seed, targetInfo, jobId, task, set, start, cancel } = useTrain();
  return (
    <section className="form-step go">
      <label className="row">
        Seed
        <input
          className="narrow"
          type="number"
          min={0}
          value={seed}
          aria-label="Seed"
          onChange={(e) => set({ seed: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
        />
      </label>
      <button type="submit" className="primary" disabled={!canStart}>
        Train {chosen} model{chosen === 1 ? '' : 's'}
      </button>
      <button
        type="button"
        disabled={!targetInfo || jobId !== null}
        title="Every algorithm that suits the task, with default settings, under 5-fold cross-validation, ranked"
        onClick={() =>
          void start(
            version.id,
            suited.map((a) => a.id),
            { kind: 'kfold', folds: 5, ...(task !== 'regression' ? { stratified: true } : {}) },
          )
        }
      >
        Compare all algorithms (5-fold CV)
      </button>
      {jobId && (
        <button type="button" className="danger" onClick={() => void cancel()}>
          Cancel training
        </button>
      )}
    </section>
  );
}
