/**
 * A column's card in the HTML report: the same statistics the app's column card shows,
 * as tables and an inline SVG chart. Every value and name is escaped.
 */
import { formatCount as fmtInt, formatStat as fmtNum } from '../../../shared/format';
import type { ColumnProfile, ProfileValue } from '../../../shared/profile';
import { barsSvg, escapeHtml, histogramSvg } from './report-charts';

export const fmtPct = (f: number): string => `${(f * 100).toFixed(f > 0 && f < 0.001 ? 3 : 1)}%`;

/** A cell value for people: ∅ for missing, long text cut at 60 characters. */
export function fmtValue(v: ProfileValue): string {
  if (v === null) return '∅';
  if (typeof v === 'number') return fmtNum(v);
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function statTable(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="n">${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** One column's card: counts, its kind's statistics, a chart, and its extreme and frequent values. */
export function columnCard(c: ColumnProfile): string {
  return (
    `<div class="card" id="col-${c.index}"><h3>${escapeHtml(c.name)}<span class="badge">${escapeHtml(c.semanticType)}</span><span class="badge">${escapeHtml(c.storageType)}</span></h3>` +
    `<div class="grid"><div>${statTable(counts(c))}</div><div>${kindStatistics(c)}</div><div>${chart(c)}</div></div>${notableValues(c)}</div>`
  );
}

/** Counts every column has, and the numeric ones' zeros, negatives and infinities. */
function counts(c: ColumnProfile): [string, string][] {
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
  return basics;
}

/** Quantiles and moments of numbers, lengths of text, the span of dates. */
function kindStatistics(c: ColumnProfile): string {
  const n = c.numeric;
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
  return middle;
}

/** The histogram, rows per period, or the top values' bars. */
function chart(c: ColumnProfile): string {
  if (c.histogram) return histogramSvg(c.histogram);
  if (c.datetime?.counts.length) {
    return `<p class="muted">Rows per ${c.datetime.period}</p>${barsSvg(
      c.datetime.counts.slice(0, 40).map((p) => ({ label: p.start.slice(0, 16), value: p.count })),
    )}`;
  }
  if (c.topValues.length) {
    return barsSvg(c.topValues.map((v) => ({ label: fmtValue(v.value), value: v.count })));
  }
  return c.isUnique ? '<p class="muted">Every value is different.</p>' : '';
}

/** Smallest and largest values, and the most frequent ones when the chart is a histogram. */
function notableValues(c: ColumnProfile): string {
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
  return extremes;
}
