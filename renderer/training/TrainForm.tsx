/**
 * The Train form, one numbered step per section: data, target, features, algorithms,
 * validation, then the buttons that start the runs. Later steps appear once a target is
 * chosen, because what suits them depends on its task.
 */
import type { DatasetVersion } from '../../shared/datasets';
import { useTrain } from '../app-stores';
import { paramErrorsOf } from './train-store';
import { versionLabel } from '../datasets/version-label';
import { formatCount } from '../shell/format';
import { AlgorithmChoice } from './AlgorithmChoice';
import { FeaturePicker } from './FeaturePicker';
import { SearchPicker } from './SearchPicker';
import { StartStep } from './StartStep';
import { TargetStep } from './TargetStep';
import { ValidationPicker } from './ValidationPicker';

export function TrainForm({ version }: { version: DatasetVersion }) {
  const state = useTrain();
  const task = state.task;
  const suited = state.catalogue.filter((a) => !task || a.tasks.includes(task));
  const chosen = state.algorithms.filter((a) => suited.some((s) => s.id === a));
  const canStart = Boolean(
    state.target &&
    state.targetInfo &&
    state.features.length > 0 &&
    state.algorithms.length > 0 &&
    paramErrorsOf(state, chosen).length === 0 &&
    !state.jobId,
  );
  const columns = version.columns.map((c) => c.name);

  return (
    <form
      className="train-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canStart) void state.start(version.id, chosen);
      }}
    >
      <section className="form-step">
        <h2>1 · Data</h2>
        <p>
          <strong>{versionLabel(version)}</strong> · {formatCount(version.rows)} rows ·{' '}
          {version.columns.length} columns <span className="muted small">(change it in the bar above)</span>
        </p>
      </section>
      <TargetStep version={version} />
      {state.target && (
        <>
          <FeaturePicker columns={columns.filter((c) => c !== state.target)} />
          <section className="form-step">
            <h2>4 · Algorithms</h2>
            <div className="algorithms">
              {suited.map((a) => (
                <AlgorithmChoice key={a.id} algorithm={a} />
              ))}
            </div>
            <SearchPicker
              algorithm={
                state.algorithms.length === 1 ? suited.find((a) => a.id === state.algorithms[0]) : undefined
              }
            />
          </section>
          <ValidationPicker task={task} columns={columns} />
          <StartStep version={version} suited={suited} chosen={chosen.length} canStart={canStart} />
          {state.error && (
            <p className="form-error" role="alert">
              {state.error}
            </p>
          )}
        </>
      )}
    </form>
  );
}
