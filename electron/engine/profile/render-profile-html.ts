/**
 * A profile as one self-contained HTML file: inline CSS, inline SVG charts, no scripts
 * and no external resources, so it opens offline, can be mailed or attached to a bundle,
 * and cannot phone home. Every user-supplied string (column names, values) is escaped.
 */
import { formatCount as fmtInt, formatStat as fmtNum } from '../../../shared/format';
import type { AssociationMatrix, Profile, RectangularMatrix } from '../../../shared/profile';
import { barsSvg, escapeHtml, heatmapSvg, missingMatrixSvg } from './report-charts';
import { columnCard, fmtPct, fmtValue } from './report-column-card';

/** What the report says about the data it describes, beyond the profile itself. */
export interface ReportHeading {
  /** The page title, e.g. "Profile of churn@3" (people never see internal version ids). */
  title: string;
  /** One line of provenance under the title, e.g. "churn@3: imported from churn.csv …". */
  lineage?: string;
}

const CSS = `
:root{--fg:#1b1f24;--muted:#5c6670;--line:#d9dee3;--bg:#fff;--card:#f6f8fa;--accent:#2f6fbd;--warn:#b35c00}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ec;--muted:#9aa4ad;--line:#39414a;--bg:#14181c;--card:#1c2228;--accent:#6ea8ec;--warn:#f0a050}}
*{box-sizing:border-box}body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 12px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:0 0 8px}
.muted{color:var(--muted)}.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:140px}
.tile b{display:block;font-size:18px}table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:14px;margin:0 0 14px}
.grid{display:grid;grid-template-columns:minmax(260px,1fr) minmax(260px,1fr) minmax(300px,1.2fr);gap:16px}
.badge{display:inline-block;font-size:11px;padding:1px 6px;border-radius:9px;border:1px solid var(--line);color:var(--muted);margin-left:6px}
.alert{margin:3px 0}.alert code{color:var(--warn);font-weight:600;margin-right:6px}svg text{fill:var(--fg);font-size:10px}
.scroll{overflow-x:auto}.bar{fill:var(--accent)}.lineage{margin:0 0 4px;overflow-wrap:anywhere}
`;

function squareHeatmap(title: string, m: AssociationMatrix, note: string, signed: boolean): string {
  if (m.columns.length < 2) return '';
  return `<div class="card"><h3>${escapeHtml(title)}</h3><p class="muted">${escapeHtml(note)}</p><div class="scroll">${heatmapSvg(m.columns, m.columns, m.values, signed)}</div></div>`;
}

function rectHeatmap(title: string, m: RectangularMatrix, note: string): string {
  if (!m.rows.length || !m.columns.length) return '';
  return `<div class="card"><h3>${escapeHtml(title)}</h3><p class="muted">${escapeHtml(note)}</p><div class="scroll">${heatmapSvg(m.rows, m.columns, m.values, false)}</div></div>`;
}

/**
 * Render the whole profile as one HTML document. Without a heading the title names the
 * profiled relation as given, which suits a plain table; the profile service passes the
 * version's `dataset@N` and its lineage.
 */
export function renderProfileHtml(profile: Profile, heading?: ReportHeading): string {
  const title = heading?.title ?? `Profile of ${profile.table}`;
  const lineage = heading?.lineage ? `<p class="lineage">${escapeHtml(heading.lineage)}</p>` : '';
  const a = profile.associations;
  const sampleNote = a.sample.exact
    ? `All ${fmtInt(a.sample.of)} rows.`
    : `${fmtInt(a.sample.rows)} of ${fmtInt(a.sample.of)} rows (${a.sample.method}).`;
  const nullity = profile.missing.heatmap
    ? squareHeatmap(
        'Nullity correlation',
        profile.missing.heatmap,
        'How the missingness of one column predicts another (φ).',
        true,
      )
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>${lineage}
<p class="muted">Computed ${escapeHtml(profile.createdAt)} in ${fmtNum(profile.durationMs / 1000)} s by Assay.</p>
<h2>Overview</h2>${overviewTiles(profile)}
<h2>Alerts (${profile.alerts.length})</h2>${alertList(profile)}
${targetRanking(profile)}
<h2>Columns</h2>${profile.columns.map(columnCard).join('\n')}
<h2>Associations</h2><p class="muted">${escapeHtml(sampleNote)}</p>
${squareHeatmap('Spearman ρ', a.spearman, 'Rank correlation between numeric columns.', true)}
${squareHeatmap('Pearson r', a.pearson, 'Linear correlation between numeric columns.', true)}
${squareHeatmap("Cramér's V", a.cramersV, 'Between categorical columns, bias-corrected (Bergsma 2013).', false)}
${rectHeatmap('Correlation ratio η', a.correlationRatio, 'Rows: categorical columns; columns: numeric columns.')}
<h2>Missing values</h2>${missingMatrixSvg(profile.missing.matrix)}
${nullity}
<h2>Sample (first ${profile.overview.sampleRows.length} rows)</h2>${sampleTable(profile)}
<h2>Most duplicated rows</h2>${duplicatesTable(profile)}
<h2>Notes</h2>${approximationNotes(profile) || '<p class="muted">Every statistic is exact.</p>'}
</body></html>
`;
}

function overviewTiles(profile: Profile): string {
  const o = profile.overview;
  const tiles: [string, string][] = [
    ['Rows', fmtInt(o.rows)],
    ['Columns', fmtInt(o.columns)],
    ['Missing cells', `${fmtInt(o.missingCells)} (${fmtPct(o.missingCellsFraction)})`],
    ['Duplicate rows', `${fmtInt(o.duplicateRows)} (${fmtPct(o.duplicateRowsFraction)})`],
    ...Object.entries(o.typeCounts)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => [type, fmtInt(n)] as [string, string]),
  ];
  return `<div class="tiles">${tiles.map(([k, v]) => `<div class="tile"><span class="muted">${escapeHtml(k)}</span><b>${escapeHtml(v)}</b></div>`).join('')}</div>`;
}

function alertList(profile: Profile): string {
  if (!profile.alerts.length) return '<p class="muted">No alerts.</p>';
  return profile.alerts
    .map((a) => `<div class="alert"><code>${a.type}</code>${escapeHtml(a.message)}</div>`)
    .join('');
}

function targetRanking(profile: Profile): string {
  if (!profile.target) return '';
  return `<h2>Association with the target ${escapeHtml(profile.target.column)}</h2>${barsSvg(
    profile.target.ranking
      .slice(0, 30)
      .map((r) => ({ label: r.column, value: Math.round(r.strength * 1000) })),
    420,
  )}<p class="muted">Bar = strength × 1000 (|Spearman ρ|, Cramér's V or η).</p>`;
}

function sampleTable(profile: Profile): string {
  const rows = profile.overview.sampleRows;
  if (!rows.length) return '<p class="muted">The table has no rows.</p>';
  const names = profile.columns.map((c) => c.name);
  return `<div class="scroll"><table><tr>${names.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${names.map((c) => `<td>${escapeHtml(fmtValue(r[c] ?? null))}</td>`).join('')}</tr>`)
    .join('')}</table></div>`;
}

function duplicatesTable(profile: Profile): string {
  const most = profile.overview.mostDuplicated;
  if (!most.length) return '<p class="muted">No duplicate rows.</p>';
  const names = profile.columns.map((c) => c.name);
  return `<div class="scroll"><table><tr><th>count</th>${names.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${most
    .map(
      (d) =>
        `<tr><td class="n">${fmtInt(d.count)}</td>${names.map((c) => `<td>${escapeHtml(fmtValue(d.row[c] ?? null))}</td>`).join('')}</tr>`,
    )
    .join('')}</table></div>`;
}

function approximationNotes(profile: Profile): string {
  if (!profile.approximations.length) return '';
  return `<ul>${profile.approximations.map((x) => `<li><b>${escapeHtml(x.stat)}</b>${x.columns.length ? ` (${escapeHtml(x.columns.join(', '))})` : ''}: ${escapeHtml(x.note)}</li>`).join('')}</ul>`;
}
