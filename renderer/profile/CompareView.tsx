/**
 * Two profiles side by side (train vs test, before vs after cleaning): dataset-level
 * deltas, columns added or removed, type changes, and per column the statistics that
 * moved, with large shifts (PSI ≥ 0.25, relative change ≥ 10%) highlighted.
 */
import type { ProfileComparison } from '../../shared/profile';
import { formatStat } from './format-stat';
import { MovedColumns } from './MovedColumns';

export function CompareView({
  comparison,
  labels,
}: {
  comparison: ProfileComparison;
  labels: [string, string];
}) {
  const deltaRow = (name: string, d: { a: number; b: number; delta: number }) => (
    <tr key={name} className={d.delta !== 0 ? 'changed' : ''}>
      <th>{name}</th>
      <td className="num">{formatStat(d.a)}</td>
      <td className="num">{formatStat(d.b)}</td>
      <td className="num">{d.delta > 0 ? `+${formatStat(d.delta)}` : formatStat(d.delta)}</td>
    </tr>
  );
  const moved = comparison.columns.filter((c) => c.changes.length > 0 || (c.psi ?? 0) >= 0.1);
  return (
    <div className="compare" data-testid="profile-compare">
      <table className="data-table compact">
        <thead>
          <tr>
            <th />
            <th className="num">{labels[0]}</th>
            <th className="num">{labels[1]}</th>
            <th className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {deltaRow('Rows', comparison.rows)}
          {deltaRow('Duplicate rows', comparison.duplicateRows)}
          {deltaRow('Missing cells', comparison.missingCells)}
        </tbody>
      </table>
      {(comparison.added.length > 0 ||
        comparison.removed.length > 0 ||
        comparison.typeChanges.length > 0) && (
        <ul className="compare-notes">
          {comparison.added.length > 0 && (
            <li className="changed">
              Only in {labels[1]}: {comparison.added.join(', ')}
            </li>
          )}
          {comparison.removed.length > 0 && (
            <li className="changed">
              Only in {labels[0]}: {comparison.removed.join(', ')}
            </li>
          )}
          {comparison.typeChanges.map((t) => (
            <li key={t.column} className="changed">
              {t.column}: {t.from} → {t.to}
            </li>
          ))}
        </ul>
      )}
      {comparison.alertsAdded.length > 0 && (
        <p>
          New alerts in {labels[1]}: {comparison.alertsAdded.map((a) => a.message).join(' ')}
        </p>
      )}
      <h3>
        Columns that moved ({moved.length} of {comparison.columns.length})
      </h3>
      <MovedColumns moved={moved} labels={labels} />
    </div>
  );
}
