/**
 * The association heatmaps' colour scale, shared by the app (renderer/profile/Heatmap.tsx)
 * and the HTML report (electron/engine/profile/report-charts.ts) so a matrix reads the
 * same in both: signed measures (Pearson, Spearman) blue for positive and red for
 * negative, 0…1 measures (Cramér's V, η) one blue, paler towards 0.
 */

/** Lightness of a cell: 96% at 0, 44% at |1|. */
function lightness(value: number, signed: boolean): number {
  const v = Math.max(-1, Math.min(1, value));
  return 96 - (signed ? Math.abs(v) : Math.max(0, v)) * 52;
}

/** A cell's fill; `undefinedColour` for null and NaN (each side has its own neutral grey). */
export function heatColour(value: number | null, signed: boolean, undefinedColour = '#8884'): string {
  if (value === null || Number.isNaN(value)) return undefinedColour;
  const hue = signed && value < 0 ? 5 : 215;
  return `hsl(${hue} 75% ${lightness(value, signed)}%)`;
}

/** Whether text written on the cell should be light: the fill is dark enough to need it. */
export function heatCellIsDark(value: number | null, signed: boolean): boolean {
  return value !== null && !Number.isNaN(value) && lightness(value, signed) < 62;
}
