/**
 * A profile as one self-contained HTML file: inline CSS, inline SVG charts, no scripts
 * and no external resources, so it opens offline, can be mailed or attached to a bundle,
 * and cannot phone home. Every user-supplied string (column names, values) is escaped.
 */
import type {
  AssociationMatrix,
  ColumnProfile,
  Histogram,
  Profile,
  ProfileValue,
  RectangularMatrix,
} from '../../../shared/profile';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const fmtInt = (n: number): string => n.toLocaleString('en-US');
function fmtNum(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return fmtInt(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return n.toExponential(3);
  return n.toLocaleString('en-US', { maximumSignificantDigits: 5 });
}
const fmtPct = (f: number): string => `${(f * 100).toFixed(f > 0 && f < 0.001 ? 3 : 1)}%`;
function fmtValue(v: ProfileValue): string {
  if (v === null) return '∅';
  if (typeof v === 'number') return fmtNum(v);
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
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
.scroll{overflow-x:auto}.bar{fill:var(--accent)}
`;

function histogramSvg(h: Histogram, width = 300, height = 110): string {
  const max = Math.max(1, ...h.counts);
  const barW = (width - 10) / h.counts.length;
  const bars = h.counts
    .map((c, i) => {
      const bh = ((height - 30) * c) / max;
      const x = 5 + i * barW;
      return `<rect class="bar" x="${x.toFixed(1)}" y="${(height - 20 - bh).toFixed(1)}" width="${Math.max(0.5, barW - 1).toFixed(1)}" height="${bh.toFixed(1)}"><title>[${fmtNum(h.edges[i])}, ${fmtNum(h.edges[i + 1])}): ${fmtInt(c)}</title></rect>`;
    })
    .join('');
  return (
    `<svg width="${width}" height="${height}" role="img" aria-label="histogram">${bars}` +
    `<text x="5" y="${height - 5}">${escapeHtml(fmtNum(h.edges[0]))}</text>` +
    `<text x="${width - 5}" y="${height - 5}" text-anchor="end">${escapeHtml(fmtNum(h.edges[h.edges.length - 1]))}</text>` +
    `<text x="${width / 2}" y="${height - 5}" text-anchor="middle">value (${h.counts.length} bins; bar height = rows)</text></svg>`
  );
}

function barsSvg(items: { label: string; value: number }[], width = 300): string {
  if (!items.length) return '';
  const max = Math.max(1, ...items.map((i) => i.value));
  const rowH = 16;
  const labelW = 110;
  const rows = items
    .map((item, i) => {
      const w = ((width - labelW - 60) * item.value) / max;
      const y = i * rowH;
      return (
        `<text x="${labelW - 4}" y="${y + 11}" text-anchor="end">${escapeHtml(item.label.length > 18 ? `${item.label.slice(0, 17)}…` : item.label)}</text>` +
        `<rect class="bar" x="${labelW}" y="${y + 2}" width="${Math.max(0.5, w).toFixed(1)}" height="${rowH - 4}"><title>${escapeHtml(item.label)}: ${fmtInt(item.value)}</title></rect>` +
        `<text x="${labelW + w + 4}" y="${y + 11}">${fmtInt(item.value)}</text>`
      );
    })
    .join('');
  return `<svg width="${width}" height="${items.length * rowH + 4}" role="img" aria-label="counts">${rows}</svg>`;
}

/** Diverging blue–red colour for −1…1 (grey for undefined). */
function heatColour(v: number | null): string {
  if (v === null) return '#8884';
  const t = Math.max(-1, Math.min(1, v));
  const [r, g, b] = t >= 0 ? [214, 96, 77] : [67, 147, 195];
  const a = Math.abs(t);
  const mix = (c: number): number => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

function heatmapSvg(rows: string[], columns: string[], values: (number | null)[][]): string {
  const cell = Math.max(8, Math.min(22, Math.floor(600 / Math.max(rows.length, columns.length, 1))));
  const labelW = 120;
  const top = 110;
  const cells = rows
    .map((r, i) =>
      columns
        .map(
          (c, j) =>
            `<rect x="${labelW + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="${heatColour(values[i][j])}"><title>${escapeHtml(r)} × ${escapeHtml(c)}: ${values[i][j] === null ? 'undefined' : values[i][j]!.toFixed(3)}</title></rect>`,
        )
        .join(''),
    )
    .join('');
  const short = (s: string): string => escapeHtml(s.length > 16 ? `${s.slice(0, 15)}…` : s);
  const rowLabels = rows
    .map(
      (r, i) =>
        `<text x="${labelW - 4}" y="${top + i * cell + cell * 0.7}" text-anchor="end">${short(r)}</text>`,
    )
    .join('');
  const colLabels = columns
    .map(
      (c, j) =>
        `<text transform="translate(${labelW + j * cell + cell * 0.7},${top - 4}) rotate(-60)">${short(c)}</text>`,
    )
    .join('');
  const legend = `<text x="${labelW}" y="12">colour: −1 blue · 0 white · +1 red · grey undefined</text>`;
  return `<svg width="${labelW + columns.length * cell + 10}" height="${top + rows.length * cell + 10}" role="img" aria-label="heatmap">${legend}${rowLabels}${colLabels}${cells}</svg>`;
}

function squareHeatmap(title: string, m: AssociationMatrix, note: string): string {
  if (m.columns.length < 2) return '';
  return `<div class="card"><h3>${escapeHtml(title)}</h3><p class="muted">${escapeHtml(note)}</p><div class="scroll">${heatmapSvg(m.columns, m.columns, m.values)}</div></div>`;
}

function rectHeatmap(title: string, m: RectangularMatrix, note: string): string {
  if (!m.rows.length || !m.columns.length) return '';
  return `<div class="card"><h3>${escapeHtml(title)}</h3><p class="muted">${escapeHtml(note)}</p><div class="scroll">${heatmapSvg(m.rows, m.columns, m.values)}</div></div>`;
}

function statTable(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="n">${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function columnCard(c: ColumnProfile): string {
  const basics: [string, string][] = [
    ['Count', fmtInt(c.count)],
    [
      'Missing',
      `${fmtInt(c.missing)} (${fmtPct(c.missingFraction)})${c.nan ? `, ${fmtInt(c.nan)} NaN` : ''}`,
    ],
    ['Distinct', `${fmtInt(c.distinct)} (${fmtPct(c.distinctFraction)})`],
    ['Unique', `${fmtInt(c.unique)} (${fmtPct(c.uniqueFraction)})`],
  ];
  const n = c.numeric;
  if (n) {
    basics.push(
      ['Zeros', `${fmtInt(n.zeros)} (${fmtPct(n.zerosFraction)})`],
      ['Negatives', `${fmtInt(n.negatives)} (${fmtPct(n.negativesFraction)})`],
      ['Infinite', `${fmtInt(n.infinite)} (${fmtPct(n.infiniteFraction)})`],
    );
  }
  if (c.imbalance !== undefined) basics.push(['Imbalance', fmtNum(c.imbalance)]);
  let middle = '';
  if (n) {
    middle = statTable([
      ['Min', fmtNum(n.min)],
      ['5%', fmtNum(n.quantiles.p5)],
      ['25%', fmtNum(n.quantiles.p25)],
      ['Median', fmtNum(n.quantiles.p50)],
      ['75%', fmtNum(n.quantiles.p75)],
      ['95%', fmtNum(n.quantiles.p95)],
      ['Max', fmtNum(n.max)],
      ['Range', fmtNum(n.range)],
      ['IQR', fmtNum(n.iqr)],
      ['Mean', fmtNum(n.mean)],
      ['Std', fmtNum(n.std)],
      ['Variance', fmtNum(n.variance)],
      ['CV', fmtNum(n.cv)],
      ['Sum', fmtNum(n.sum)],
      ['Skewness', fmtNum(n.skewness)],
      ['Kurtosis', fmtNum(n.kurtosis)],
      [`MAD${n.madMethod === 'sample' ? ' (sample)' : ''}`, fmtNum(n.mad)],
    ]);
    if (n.quantileMethod === 't-digest') middle += '<p class="muted">Quantiles: t-digest estimate.</p>';
  } else if (c.text) {
    middle = statTable([
      ['Min length', fmtNum(c.text.minLength)],
      ['Mean length', fmtNum(c.text.meanLength)],
      ['Max length', fmtNum(c.text.maxLength)],
    ]);
  } else if (c.datetime) {
    middle = statTable([
      ['Min', c.datetime.min ?? '—'],
      ['Max', c.datetime.max ?? '—'],
      ['Range', c.datetime.rangeMs === null ? '—' : `${fmtNum(c.datetime.rangeMs / 86_400_000)} days`],
    ]);
  }
  let chart = '';
  if (c.histogram) chart = histogramSvg(c.histogram);
  else if (c.datetime?.counts.length) {
    chart = `<p class="muted">Rows per ${c.datetime.period}</p>${barsSvg(
      c.datetime.counts.slice(0, 40).map((p) => ({ label: p.start.slice(0, 16), value: p.count })),
    )}`;
  } else if (c.topValues.length) {
    chart = barsSvg(c.topValues.map((v) => ({ label: fmtValue(v.value), value: v.count })));
  } else if (c.isUnique) {
    chart = '<p class="muted">Every value is different.</p>';
  }
  let extremes = '';
  if (c.extremes) {
    const list = (items: { value: ProfileValue; count: number }[]): string =>
      items
        .map((v) => `${escapeHtml(fmtValue(v.value))} <span class="muted">×${fmtInt(v.count)}</span>`)
        .join(', ');
    extremes = `<p><b>Smallest:</b> ${list(c.extremes.smallest)}<br><b>Largest:</b> ${list(c.extremes.largest)}</p>`;
  }
  if (c.histogram && c.topValues.length) {
    extremes += `<p><b>Most frequent:</b> ${c.topValues
      .map((v) => `${escapeHtml(fmtValue(v.value))} <span class="muted">×${fmtInt(v.count)}</span>`)
      .join(', ')}</p>`;
  }
  return (
    `<div class="card" id="col-${c.index}"><h3>${escapeHtml(c.name)}<span class="badge">${escapeHtml(c.semanticType)}</span><span class="badge">${escapeHtml(c.storageType)}</span></h3>` +
    `<div class="grid"><div>${statTable(basics)}</div><div>${middle}</div><div>${chart}</div></div>${extremes}</div>`
  );
}

function missingMatrixSvg(profile: Profile): string {
  const m = profile.missing.matrix;
  if (!m) return '<p class="muted">No missing values.</p>';
  const colW = Math.max(10, Math.min(30, Math.floor(700 / m.columns.length)));
  const h = 200;
  const labelTop = 100;
  const rowH = h / m.buckets;
  const cells = m.columns
    .map((col, j) =>
      col.fractions
        .map((f, b) =>
          f > 0
            ? `<rect x="${j * colW}" y="${(labelTop + b * rowH).toFixed(2)}" width="${colW - 1}" height="${Math.max(rowH, 0.5).toFixed(2)}" fill="rgba(47,111,189,${(0.15 + 0.85 * f).toFixed(2)})"/>`
            : '',
        )
        .join(''),
    )
    .join('');
  const labels = m.columns
    .map(
      (col, j) =>
        `<text transform="translate(${j * colW + colW * 0.7},${labelTop - 4}) rotate(-60)">${escapeHtml(col.name.length > 16 ? `${col.name.slice(0, 15)}…` : col.name)}</text>`,
    )
    .join('');
  return `<p class="muted">Each column's missing cells over the rows in table order (${m.buckets} bands of ~${fmtNum(m.rowsPerBucket)} rows; darker = more missing).</p><div class="scroll"><svg width="${m.columns.length * colW + 10}" height="${labelTop + h + 10}" role="img" aria-label="missing values matrix">${labels}<rect x="0" y="${labelTop}" width="${m.columns.length * colW}" height="${h}" fill="none" stroke="#8886"/>${cells}</svg></div>`;
}

/** Render the whole profile as one HTML document. */
export function renderProfileHtml(profile: Profile, title = `Profile of ${profile.table}`): string {
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
  const alerts = profile.alerts.length
    ? profile.alerts
        .map((a) => `<div class="alert"><code>${a.type}</code>${escapeHtml(a.message)}</div>`)
        .join('')
    : '<p class="muted">No alerts.</p>';
  const sampleCols = profile.columns.map((c) => c.name);
  const sampleTable = o.sampleRows.length
    ? `<div class="scroll"><table><tr>${sampleCols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${o.sampleRows
        .map(
          (r) =>
            `<tr>${sampleCols.map((c) => `<td>${escapeHtml(fmtValue(r[c] ?? null))}</td>`).join('')}</tr>`,
        )
        .join('')}</table></div>`
    : '<p class="muted">The table has no rows.</p>';
  const duplicates = o.mostDuplicated.length
    ? `<div class="scroll"><table><tr><th>count</th>${sampleCols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${o.mostDuplicated
        .map(
          (d) =>
            `<tr><td class="n">${fmtInt(d.count)}</td>${sampleCols.map((c) => `<td>${escapeHtml(fmtValue(d.row[c] ?? null))}</td>`).join('')}</tr>`,
        )
        .join('')}</table></div>`
    : '<p class="muted">No duplicate rows.</p>';
  const a = profile.associations;
  const sampleNote = a.sample.exact
    ? `All ${fmtInt(a.sample.of)} rows.`
    : `${fmtInt(a.sample.rows)} of ${fmtInt(a.sample.of)} rows (${a.sample.method}).`;
  const target = profile.target
    ? `<h2>Association with the target ${escapeHtml(profile.target.column)}</h2>${barsSvg(
        profile.target.ranking
          .slice(0, 30)
          .map((r) => ({ label: r.column, value: Math.round(r.strength * 1000) })),
        420,
      )}<p class="muted">Bar = strength × 1000 (|Spearman ρ|, Cramér's V or η).</p>`
    : '';
  const approximations = profile.approximations.length
    ? `<ul>${profile.approximations.map((x) => `<li><b>${escapeHtml(x.stat)}</b>${x.columns.length ? ` (${escapeHtml(x.columns.join(', '))})` : ''}: ${escapeHtml(x.note)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Computed ${escapeHtml(profile.createdAt)} in ${fmtNum(profile.durationMs / 1000)} s by Assay.</p>
<h2>Overview</h2><div class="tiles">${tiles.map(([k, v]) => `<div class="tile"><span class="muted">${escapeHtml(k)}</span><b>${escapeHtml(v)}</b></div>`).join('')}</div>
<h2>Alerts (${profile.alerts.length})</h2>${alerts}
${target}
<h2>Columns</h2>${profile.columns.map(columnCard).join('\n')}
<h2>Associations</h2><p class="muted">${escapeHtml(sampleNote)}</p>
${squareHeatmap('Spearman ρ', a.spearman, 'Rank correlation between numeric columns.')}
${squareHeatmap('Pearson r', a.pearson, 'Linear correlation between numeric columns.')}
${squareHeatmap("Cramér's V", a.cramersV, 'Between categorical columns, bias-corrected (Bergsma 2013).')}
${rectHeatmap('Correlation ratio η', a.correlationRatio, 'Rows: categorical columns; columns: numeric columns.')}
<h2>Missing values</h2>${missingMatrixSvg(profile)}
${profile.missing.heatmap ? squareHeatmap('Nullity correlation', profile.missing.heatmap, 'How the missingness of one column predicts another (φ).') : ''}
<h2>Sample (first ${o.sampleRows.length} rows)</h2>${sampleTable}
<h2>Most duplicated rows</h2>${duplicates}
<h2>Notes</h2>${approximations || '<p class="muted">Every statistic is exact.</p>'}
</body></html>
`;
}
