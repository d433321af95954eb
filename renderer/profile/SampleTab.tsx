/** The first rows of the version and its most duplicated rows, as the profile kept them. */
import type { Profile } from '../../shared/profile';
import { formatStat } from './format-stat';

export function SampleTab({ profile }: { profile: Partial<Profile> }) {
  const rows = profile.overview?.sampleRows ?? [];
  const duplicates = profile.overview?.mostDuplicated ?? [];
  const columns = Object.keys(rows[0] ?? duplicates[0]?.row ?? {});
  return (
    <div className="sample-tab">
      <h3>First rows</h3>
      <div className="table-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{r[c] === null ? <span className="null-cell">null</span> : String(r[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {duplicates.length > 0 && (
        <>
          <h3>Most duplicated rows</h3>
          <div className="table-scroll">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th className="num">Times</th>
                  {columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {duplicates.map((d, i) => (
                  <tr key={i}>
                    <td className="num">{formatStat(d.count)}</td>
                    {columns.map((c) => (
                      <td key={c}>
                        {d.row[c] === null ? <span className="null-cell">null</span> : String(d.row[c])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
