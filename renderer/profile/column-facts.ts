/** The label/value pairs a column card lists: counts for every column, then its kind's own. */
import type { ColumnProfile } from '../../shared/profile';
import { formatFraction, formatStat } from './format-stat';

export type Fact = [label: string, value: string];

export function columnFacts(column: ColumnProfile): Fact[] {
  const facts: Fact[] = [
    ['Count', formatStat(column.count)],
    ['Missing', `${formatStat(column.missing)} (${formatFraction(column.missingFraction)})`],
    ['Distinct', `${formatStat(column.distinct)} (${formatFraction(column.distinctFraction)})`],
    ['Unique', `${formatStat(column.unique)}`],
  ];
  const n = column.numeric;
  if (n) {
    facts.push(
      ['Mean', formatStat(n.mean)],
      ['Std', formatStat(n.std)],
      ['Min', formatStat(n.min)],
      ['Max', formatStat(n.max)],
      ['Median', formatStat(n.quantiles.p50)],
      ['IQR', formatStat(n.iqr)],
      ['Zeros', `${formatStat(n.zeros)} (${formatFraction(n.zerosFraction)})`],
      ['Negatives', `${formatStat(n.negatives)}`],
      ['Infinite', `${formatStat(n.infinite)}`],
      ['Skewness', formatStat(n.skewness)],
      ['Kurtosis', formatStat(n.kurtosis)],
      ['MAD', formatStat(n.mad)],
      ['CV', formatStat(n.cv)],
      ['Sum', formatStat(n.sum)],
      ['5% / 95%', `${formatStat(n.quantiles.p5)} / ${formatStat(n.quantiles.p95)}`],
    );
  }
  if (column.text) {
    const t = column.text;
    facts.push([
      'Length',
      `${formatStat(t.minLength)}–${formatStat(t.maxLength)}, mean ${formatStat(t.meanLength)}`,
    ]);
  }
  if (column.datetime) {
    facts.push(['From', column.datetime.min ?? '—'], ['To', column.datetime.max ?? '—']);
  }
  if (column.imbalance !== undefined) facts.push(['Imbalance', formatStat(column.imbalance)]);
  return facts;
}
