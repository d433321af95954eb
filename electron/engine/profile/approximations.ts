/**
 * The profile's notes on what is estimated rather than exact (t-digest quantiles, MAD and
 * associations on a sample, Spearman over pairwise-present rows, hashed duplicates), each
 * with its error bound, so a person reading a number knows how far to trust it.
 */
import type { Approximation, Associations, ColumnProfile } from '../../../shared/profile';

export function describeApproximations(
  profiles: ColumnProfile[],
  associations: Associations,
  approximateQuantiles: boolean,
  madSampled: boolean,
  sampleSize: number,
): Approximation[] {
  const out: Approximation[] = [];
  const numericNames = profiles.filter((p) => p.numeric).map((p) => p.name);
  if (approximateQuantiles && numericNames.length) {
    out.push({
      stat: 'quantiles',
      columns: [],
      note:
        'Quantiles, IQR and histogram bin widths use DuckDB approx_quantile, a t-digest sketch: ' +
        'its rank error is typically well under 0.5% in the middle of the distribution and smaller ' +
        'towards the tails (p5/p95); min, max and every moment stay exact.',
    });
  }
  if (madSampled) {
    out.push({
      stat: 'mad',
      columns: profiles.filter((p) => p.numeric?.madMethod === 'sample').map((p) => p.name),
      note: `MAD is the exact median absolute deviation of the ${associations.sample.rows.toLocaleString('en-US')}-row sample (${associations.sample.method}); its relative standard error is about 1/√n ≈ ${(100 / Math.sqrt(Math.max(1, associations.sample.rows))).toFixed(1)}%.`,
    });
  }
  if (!associations.sample.exact) {
    out.push({
      stat: 'associations',
      columns: [],
      note:
        `Pearson, Spearman, Cramér's V and η are computed on a ${associations.sample.rows.toLocaleString('en-US')}-row ` +
        `sample (${associations.sample.method}, target ${sampleSize.toLocaleString('en-US')} rows); ` +
        `a correlation's standard error is at most about 1/√n ≈ ${(1 / Math.sqrt(Math.max(1, associations.sample.rows))).toFixed(4)}.`,
    });
  }
  const spearmanWithMissing = profiles.filter(
    (p) => p.missing > 0 && associations.spearman.columns.includes(p.name),
  );
  if (spearmanWithMissing.length) {
    out.push({
      stat: 'spearman',
      columns: spearmanWithMissing.map((p) => p.name),
      note:
        'These columns have missing values: ranks are taken over each column’s own present values ' +
        'and then correlated over rows where both are present (pandas re-ranks each pair), which can ' +
        'differ slightly.',
    });
  }
  out.push({
    stat: 'duplicates',
    columns: [],
    note:
      'Duplicate rows are grouped by a 64-bit hash of the whole row; two different rows collide with ' +
      'probability about n²/2⁶⁵ (3·10⁻⁸ at a million rows).',
  });
  return out;
}
