/**
 * The settings of a holdout split: the validation share and how rows are assigned
 * (random, stratified by the target, time-ordered or grouped by a column).
 */
import type { Task, ValidationSpec } from '../../shared/training';

type Holdout = Extract<ValidationSpec, { kind: 'holdout' }>;

interface HoldoutFieldsProps {
  validation: Holdout;
  task: Task | null;
  columns: string[];
  onChange: (next: ValidationSpec) => void;
}

export function HoldoutFields({ validation, task, columns, onChange }: HoldoutFieldsProps) {
  const strategy = validation.strategy ?? 'random';
  const fraction = validation.fraction ?? 0.2;
  return (
    <>
      <label className="row">
        Validation share
        <input
          className="narrow"
          type="number"
          min={0.05}
          max={0.5}
          step={0.05}
          value={fraction}
          aria-label="Validation share"
          onChange={(e) => onChange({ ...validation, fraction: Number(e.target.value) } as ValidationSpec)}
        />
      </label>
      <select
        aria-label="Split strategy"
        value={strategy}
        onChange={(e) => {
          const s = e.target.value;
          onChange(
            s === 'time' || s === 'group'
              ? { kind: 'holdout', fraction, strategy: s, column: columns[0]! }
              : { kind: 'holdout', fraction, strategy: s as 'random' | 'stratified' },
          );
        }}
      >
        <option value="random">random</option>
        {task !== 'regression' && <option value="stratified">stratified by the target</option>}
        <option value="time">time-ordered by a column</option>
        <option value="group">grouped by a column</option>
      </select>
      {(validation.strategy === 'time' || validation.strategy === 'group') && (
        <select
          aria-label="Split column"
          value={validation.column}
          onChange={(e) => onChange({ ...validation, column: e.target.value })}
        >
          {columns.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      )}
    </>
  );
}
