/** The look every chart shares: tick and axis-label text, and the tooltip box. */

export const CHART_TICK = { fontSize: 10, fill: 'var(--muted)' };
/** Ticks that name categories (bar labels) read as text, not as scale. */
export const CATEGORY_TICK = { fontSize: 10, fill: 'var(--text)' };
export const TOOLTIP_STYLE = { background: 'var(--surface)', border: '1px solid var(--border)' };

export function xAxisLabel(value: string, offset = -10) {
  return { value, position: 'insideBottom' as const, offset, fontSize: 11, fill: 'var(--muted)' };
}

export function yAxisLabel(value: string) {
  return { value, angle: -90, position: 'insideLeft' as const, fontSize: 11, fill: 'var(--muted)' };
}
