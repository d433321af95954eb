/** The profile's overview: rows, columns, missing cells, duplicates, size and column types. */
import type { Profile } from '../../shared/profile';
import { formatBytes } from '../shell/format';
import { formatFraction, formatStat } from './format-stat';

export function OverviewTiles({ profile, sizeBytes }: { profile: Partial<Profile>; sizeBytes?: number }) {
  const o = profile.overview!;
  const tiles: Array<[string, string, string?]> = [
    ['Rows', formatStat(o.rows)],
    ['Columns', formatStat(o.columns)],
    ['Missing cells', formatStat(o.missingCells), formatFraction(o.missingCellsFraction)],
    ['Duplicate rows', formatStat(o.duplicateRows), formatFraction(o.duplicateRowsFraction)],
    ...(sizeBytes !== undefined
      ? ([['Size', formatBytes(sizeBytes), 'estimated on disk']] as Array<[string, string, string]>)
      : []),
  ];
  const types = Object.entries(o.typeCounts).filter(([, n]) => n > 0);
  return (
    <div className="tiles" data-testid="profile-overview">
      {tiles.map(([label, value, sub]) => (
        <div key={label} className="tile">
          <div className="tile-label">{label}</div>
          <div className="tile-value" title={value}>
            {value}
          </div>
          {sub && <div className="tile-sub muted">{sub}</div>}
        </div>
      ))}
      <div className="tile">
        <div className="tile-label">Column types</div>
        <div className="tile-types">
          {types.length === 0
            ? '—'
            : types.map(([t, n]) => (
                <span key={t} className={`type-badge ${t}`}>
                  {n} {t}
                </span>
              ))}
        </div>
      </div>
    </div>
  );
}
