/**
 * The comparison's per-column table: each statistic that moved between the two versions,
 * and the distribution's PSI, with large shifts (PSI ≥ 0.25, relative change ≥ 10%) marked.
 */
import type { ProfileComparison } from '../../shared/profile';
import { formatFraction, formatStat } from './format-stat';

type ColumnChange = ProfileComparison['columns'][number];

export function MovedColumns({ moved, labels }: { moved: ColumnChange[]; labels: [string, string] }) {
  return (
    <table className="data-table compact">
      <thead>
        <tr>
          <th>Column</th>
          <th>Statistic</th>
          <th className="num">{labels[0]}</th>
          <th className="num">{labels[1]}</th>
          <th className="num">Relative</th>
          <th className="num" title="Population stability index of the distributions">
            PSI
          </th>
        </tr>
      </thead>
      <tbody>
        {moved.flatMap((c) =>
          (c.changes.length ? c.changes : [null]).map((change, i) => (
            <tr
              key={`${c.name}-${i}`}
              className={(c.psi ?? 0) >= 0.25 || Math.abs(change?.relative ?? 0) >= 0.1 ? 'changed' : ''}
            >
              <th>{i === 0 ? c.name : ''}</th>
              <td>{change?.stat ?? 'distribution'}</td>
              <td className="num">
                {typeof change?.a === 'number' ? formatStat(change.a) : String(change?.a ?? '')}
              </td>
              <td className="num">
                {typeof change?.b === 'number' ? formatStat(change.b) : String(change?.b ?? '')}
              </td>
              <td className="num">
                {change?.relative !== undefined ? formatFraction(Math.abs(change.relative)) : ''}
              </td>
              <td className="num">{i === 0 && c.psi !== null ? formatStat(c.psi) : ''}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
