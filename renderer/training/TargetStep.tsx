/** Step 2 of the Train form: the column to predict, and the task inferred from it. */
import type { DatasetVersion } from '../../shared/datasets';
import type { Task } from '../../shared/training';
import { useTrain } from '../app-stores';
import { formatCount } from '../shell/format';

export function TargetStep({ version }: { version: DatasetVersion }) {
  const { target, targetInfo, targetError, task, setTarget, set } = useTrain();
  return (
    <section className="form-step">
      <h2>2 · Target</h2>
      <div className="row">
        <select
          aria-label="Target column"
          value={target}
          onChange={(e) => void setTarget(version.id, e.target.value)}
        >
          <option value="">choose the column to predict…</option>
          {version.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.type})
            </option>
          ))}
        </select>
        {targetInfo && (
          <label className="row">
            Task
            <select
              aria-label="Task"
              value={task ?? ''}
              onChange={(e) => set({ task: e.target.value as Task })}
            >
              <option value="binary">binary classification</option>
              <option value="multiclass">multiclass classification</option>
              <option value="regression">regression</option>
            </select>
            <span className="muted small" data-testid="inferred-task">
              inferred: {targetInfo.task}
              {targetInfo.classes ? ` · ${targetInfo.classes.length} classes` : ''} ·{' '}
              {formatCount(targetInfo.rows)} rows
            </span>
          </label>
        )}
      </div>
      {targetError && (
        <p className="form-error" role="alert">
          {targetError}
        </p>
      )}
      {targetInfo?.warnings.map((w) => (
        <p key={w} className="banner warn">
          {w}
        </p>
      ))}
    </section>
  );
}
