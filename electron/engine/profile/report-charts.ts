/**
 * The HTML report's charts as inline SVG strings (histograms, bar lists, heatmaps, the
 * missing-values matrix): no scripts, no external references, every label escaped. The
 * heatmap colours come from shared/profile/heat-colour.ts, the scale the app draws with.
 */
import { formatCount, formatStat } from '../../../shared/format';
import type { Histogram, MissingSummary } from '../../../shared/profile';
import { heatColour } from '../../../shared/profile/heat-colour';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const short = (s: string, max = 16): string => escapeHtml(s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function histogramSvg(h: Histogram, width = 300, height = 110): string {
  const max = Math.max(1, ...h.counts);
  const barW = (width - 10) / h.counts.length;
  const bars = h.counts
    .map((c, i) => {
      const bh = ((height - 30) * c) / max;
      const x = 5 + i * barW;
      return `<rect class="bar" x="${x.toFixed(1)}" y="${(height - 20 - bh).toFixed(1)}" width="${Math.max(0.5, barW - 1).toFixed(1)}" height="${bh.toFixed(1)}"><title>[${formatStat(h.edges[i])}, ${formatStat(h.edges[i + 1])}): ${formatCount(c)}</title></rect>`;
    })
    .join('');
  return (
    `<svg width="${width}" height="${height}" role="img" aria-label="histogram">${bars}` +
    `<text x="5" y="${height - 5}">${escapeHtml(formatStat(h.edges[0]))}</text>` +
    `<text x="${width - 5}" y="${height - 5}" text-anchor="end">${escapeHtml(formatStat(h.edges[h.edges.length - 1]))}</text>` +
    `<text x="${width / 2}" y="${height - 5}" text-anchor="middle">value (${h.counts.length} bins; bar height = rows)</text></svg>`
  );
}

export function barsSvg(items: { label: string; value: number }[], width = 300): string {
  if (!items.length) return '';
  const max = Math.max(1, ...items.map((i) => i.value));
  const rowH = 16;
  const labelW = 110;
  const rows = items
    .map((item, i) => {
      const w = ((width - labelW - 60) * item.value) / max;
      const y = i * rowH;
      return (
        `<text x="${labelW - 4}" y="${y + 11}" text-anchor="end">${short(item.label, 18)}</text>` +
        `<rect class="bar" x="${labelW}" y="${y + 2}" width="${Math.max(0.5, w).toFixed(1)}" height="${rowH - 4}"><title>${escapeHtml(item.label)}: ${formatCount(item.value)}</title></rect>` +
        `<text x="${labelW + w + 4}" y="${y + 11}">${formatCount(item.value)}</text>`
      );
    })
    .join('');
  return `<svg width="${width}" height="${items.length * rowH + 4}" role="img" aria-label="counts">${rows}</svg>`;
}

/** Swatches from the scale's low end to its high end, labelled at both ends and the middle. */
function heatLegend(x: number, signed: boolean): string {
  const stops = signed ? [-1, -0.5, 0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1];
  const swatches = stops
    .map((v, i) => `<rect x="${x + i * 24}" y="4" width="24" height="10" fill="${heatColour(v, signed)}"/>`)
    .join('');
  const [low, mid] = signed ? ['−1', '0'] : ['0', '0.5'];
  return (
    `${swatches}<text x="${x}" y="26">${low}</text>` +
    `<text x="${x + 60}" y="26" text-anchor="middle">${mid}</text>` +
    `<text x="${x + 120}" y="26" text-anchor="end">1</text>` +
    `<text x="${x + 130}" y="13">grey: undefined</text>`
  );
}

export function heatmapSvg(
  rows: string[],
  columns: string[],
  values: (number | null)[][],
  signed: boolean,
): string {
  const cell = Math.max(8, Math.min(22, Math.floor(600 / Math.max(rows.length, columns.length, 1))));
  const labelW = 120;
  const top = 130;
  const cells = rows
    .map((r, i) =>
      columns
        .map((c, j) => {
          const v = values[i]?.[j] ?? null;
          return `<rect x="${labelW + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="${heatColour(v, signed)}"><title>${escapeHtml(r)} × ${escapeHtml(c)}: ${v === null ? 'undefined' : v.toFixed(3)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
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
  const width = Math.max(labelW + columns.length * cell + 10, labelW + 240);
  return `<svg width="${width}" height="${top + rows.length * cell + 10}" role="img" aria-label="heatmap">${heatLegend(labelW, signed)}${rowLabels}${colLabels}${cells}</svg>`;
}

export function missingMatrixSvg(matrix: MissingSummary['matrix']): string {
  const m = matrix;
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
        `<text transform="translate(${j * colW + colW * 0.7},${labelTop - 4}) rotate(-60)">${short(col.name)}</text>`,
    )
    .join('');
  return `<p class="muted">Each column's missing cells over the rows in table order (${m.buckets} bands of ~${formatStat(m.rowsPerBucket)} rows; darker = more missing).</p><div class="scroll"><svg width="${m.columns.length * colW + 10}" height="${labelTop + h + 10}" role="img" aria-label="missing values matrix">${labels}<rect x="0" y="${labelTop}" width="${m.columns.length * colW}" height="${h}" fill="none" stroke="#8886"/>${cells}</svg></div>`;
}
