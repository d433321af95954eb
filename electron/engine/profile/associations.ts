/**
 * Association matrices and the target ranking, computed in JavaScript on the sample's
 * typed arrays: Pearson and Spearman between numeric columns, Cramér's V between
 * categoricals, η between each categorical and each numeric. Doing this on one sample
 * (exact up to 100k rows) keeps the four matrices consistent with each other and bounded
 * in time; a correlation from 100k rows has a standard error below 0.003.
 */
import type {
  AssociationMatrix,
  Associations,
  RectangularMatrix,
  TargetAssociation,
} from '../../../shared/profile';
import { averageRanks, contingency, correlationRatio, cramersV, pearson } from './association-math';
import type { ProfiledColumn } from './columns';
import { type PreparedColumn, prepareColumn, preparedPearson } from './pearson-matrix';
import type { SampleData } from './sample';
import { breather } from './sample';

function squareMatrix(names: string[]): AssociationMatrix {
  return {
    columns: names,
    values: names.map((_, i) => names.map((__, j) => (i === j ? 1 : null))),
  };
}

async function pairwise(
  columns: ProfiledColumn[],
  data: Float64Array[],
  signal?: AbortSignal,
): Promise<AssociationMatrix> {
  const matrix = squareMatrix(columns.map((c) => c.name));
  const breathe = breather(signal);
  const prepared: PreparedColumn[] = [];
  for (const d of data) {
    prepared.push(prepareColumn(d));
    await breathe();
  }
  for (let i = 0; i < data.length; i++) {
    for (let j = i + 1; j < data.length; j++) {
      const r = preparedPearson(prepared[i], prepared[j]);
      matrix.values[i][j] = r;
      matrix.values[j][i] = r;
      await breathe();
    }
    // A constant column has no correlation, not even with itself.
    if (!data.some((_, j) => j !== i && matrix.values[i][j] !== null)) {
      const shift = prepared[i].shift;
      if (pearson(data[i], data[i], shift, shift) === null) matrix.values[i][i] = null;
    }
  }
  return matrix;
}

export interface AssociationInputs {
  sample: SampleData;
  tableRows: number;
  numeric: ProfiledColumn[];
  categorical: ProfiledColumn[];
  skipped: { column: string; reason: string }[];
}

export async function computeAssociations(
  inputs: AssociationInputs,
  signal?: AbortSignal,
): Promise<Associations> {
  const { sample, numeric, categorical } = inputs;
  const numericData = numeric.map((c) => sample.numeric.get(c.index) ?? new Float64Array());
  const pearsonMatrix = await pairwise(numeric, numericData, signal);
  const breathe = breather(signal);
  const ranks: Float64Array[] = [];
  for (const d of numericData) {
    ranks.push(averageRanks(d));
    await breathe();
  }
  const spearmanMatrix = await pairwise(numeric, ranks, signal);

  const cats = categorical.map(
    (c) => sample.categorical.get(c.index) ?? { codes: new Int32Array(), levels: 0 },
  );
  const cramer = squareMatrix(categorical.map((c) => c.name));
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const { table } = contingency(cats[i].codes, cats[i].levels, cats[j].codes, cats[j].levels);
      const v = cramersV(table, cats[i].levels, cats[j].levels);
      cramer.values[i][j] = v;
      cramer.values[j][i] = v;
      await breathe();
    }
    // A column is fully associated with itself; with fewer than two levels V is undefined.
    cramer.values[i][i] = cats[i].levels >= 2 ? 1 : null;
  }
  await breathe(true);

  const etaValues: (number | null)[][] = [];
  for (const cat of cats) {
    const row: (number | null)[] = [];
    for (const values of numericData) {
      row.push(correlationRatio(cat.codes, cat.levels, values));
      await breathe();
    }
    etaValues.push(row);
  }
  const eta: RectangularMatrix = {
    rows: categorical.map((c) => c.name),
    columns: numeric.map((c) => c.name),
    values: etaValues,
  };
  return {
    sample: {
      rows: sample.rows,
      of: inputs.tableRows,
      exact: sample.exact,
      method: sample.method,
    },
    pearson: pearsonMatrix,
    spearman: spearmanMatrix,
    cramersV: cramer,
    correlationRatio: eta,
    skipped: inputs.skipped,
  };
}

/**
 * Every other column ranked by its association with the target: |ρ| between numbers,
 * Cramér's V between categoricals, η across the two. Columns without a measure (text, ids,
 * dates, too many levels) are left out.
 */
export function rankByTarget(associations: Associations, target: string): TargetAssociation[] {
  const out: TargetAssociation[] = [];
  const fromSquare = (m: AssociationMatrix, method: TargetAssociation['method'], abs: boolean): void => {
    const t = m.columns.indexOf(target);
    if (t < 0) return;
    m.columns.forEach((name, i) => {
      const v = m.values[t][i];
      if (i !== t && v !== null) out.push({ column: name, strength: abs ? Math.abs(v) : v, method });
    });
  };
  fromSquare(associations.spearman, 'spearman', true);
  fromSquare(associations.cramersV, 'cramers_v', false);
  const eta = associations.correlationRatio;
  const row = eta.rows.indexOf(target);
  if (row >= 0) {
    eta.columns.forEach((name, j) => {
      const v = eta.values[row][j];
      if (v !== null && name !== target) out.push({ column: name, strength: v, method: 'correlation_ratio' });
    });
  }
  const col = eta.columns.indexOf(target);
  if (col >= 0) {
    eta.rows.forEach((name, i) => {
      const v = eta.values[i][col];
      if (v !== null && name !== target) out.push({ column: name, strength: v, method: 'correlation_ratio' });
    });
  }
  return out.sort((a, b) => b.strength - a.strength || a.column.localeCompare(b.column));
}
