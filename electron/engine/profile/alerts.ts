/**
 * Alerts: ydata-profiling's checks under its names (plus ID_LIKE and TARGET_LEAKAGE), each
 * with the columns it concerns and one sentence a person can act on. Pure: it reads a
 * finished profile's parts, so thresholds can be changed and alerts recomputed without
 * touching the data again.
 */
import type {
  Alert,
  AlertThresholds,
  Associations,
  ColumnProfile,
  DatasetOverview,
  TargetAssociation,
} from '../../../shared/profile';

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (f: number): string => {
  const p = f * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(1) : p.toPrecision(2)}%`;
};
const round = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** Adds one alert about the column at hand. */
type AddAlert = (type: Alert['type'], message: string, value?: number) => void;

/** A column's alerts, in a fixed order (presence, then numbers, then categories and text). */
export function columnAlerts(column: ColumnProfile, t: AlertThresholds): Alert[] {
  const alerts: Alert[] = [];
  const name = column.name;
  const add: AddAlert = (type, message, value) => {
    alerts.push(
      value === undefined ? { type, columns: [name], message } : { type, columns: [name], message, value },
    );
  };
  presenceAlerts(column, t, add);
  if (column.semanticType === 'unsupported') return alerts;
  numberAlerts(column, t, add);
  categoryAlerts(column, t, add);
  return alerts;
}

/** Missing, unsupported, unique, constant and ID-like. */
function presenceAlerts(column: ColumnProfile, t: AlertThresholds, add: AddAlert): void {
  const name = column.name;
  if (column.missingFraction > t.missingFraction) {
    add(
      'MISSING',
      column.missing === column.rows
        ? `${name} is entirely missing (${count(column.missing)} rows).`
        : `${name} has ${count(column.missing)} (${percent(column.missingFraction)}) missing values.`,
      column.missingFraction,
    );
  }
  if (column.semanticType === 'unsupported') {
    add('UNSUPPORTED', `${name} has a type (${column.storageType}) the profiler does not analyse.`);
    return;
  }
  if (column.rows > 0 && column.distinct === column.rows) {
    add('UNIQUE', `${name} has a different value in every row.`);
  }
  if (column.distinct === 1) {
    const value = column.topValues[0]?.value;
    add(
      'CONSTANT',
      `${name} has the same value${value === undefined ? '' : ` (${String(value)})`} in every non-missing row.`,
    );
  }
  if (column.semanticType === 'id') {
    add(
      'ID_LIKE',
      `${name} looks like an identifier (every value different); it carries no signal for a model.`,
    );
  }
}

/** Skewed, infinite and zeros. */
function numberAlerts(column: ColumnProfile, t: AlertThresholds, add: AddAlert): void {
  const name = column.name;
  const numeric = column.numeric;
  if (numeric && column.semanticType === 'numeric') {
    if (numeric.skewness !== null && Math.abs(numeric.skewness) > t.skewness) {
      add('SKEWED', `${name} is highly skewed (γ₁ = ${round(numeric.skewness)}).`, numeric.skewness);
    }
  }
  if (numeric && numeric.infiniteFraction > t.infiniteFraction) {
    add(
      'INFINITE',
      `${name} has ${count(numeric.infinite)} (${percent(numeric.infiniteFraction)}) infinite values.`,
      numeric.infiniteFraction,
    );
  }
  if (numeric && column.semanticType === 'numeric' && numeric.zerosFraction > t.zerosFraction) {
    add(
      'ZEROS',
      `${name} has ${count(numeric.zeros)} (${percent(numeric.zerosFraction)}) zeros.`,
      numeric.zerosFraction,
    );
  }
}

/** High cardinality, uniform, dates stored as text, constant length and imbalance. */
function categoryAlerts(column: ColumnProfile, t: AlertThresholds, add: AddAlert): void {
  const name = column.name;
  const categorical = column.semanticType === 'categorical';
  if (categorical && column.distinct > t.cardinality) {
    add(
      'HIGH_CARDINALITY',
      `${name} has a high cardinality: ${count(column.distinct)} distinct values.`,
      column.distinct,
    );
  }
  if (
    column.uniformity &&
    (categorical || column.semanticType === 'numeric') &&
    column.uniformity.pValue > t.uniformPValue
  ) {
    add(
      'UNIFORM',
      `${name} is uniformly distributed (χ² p = ${column.uniformity.pValue.toFixed(4)}).`,
      column.uniformity.pValue,
    );
  }
  if (column.text?.allParseAsDates) {
    add(
      'TYPE_DATE',
      `${name} only contains dates or timestamps but is stored as text; convert it to a date type.`,
    );
  }
  if (
    column.text &&
    categorical &&
    column.count > 0 &&
    column.text.minLength !== null &&
    column.text.minLength === column.text.maxLength
  ) {
    add('CONSTANT_LENGTH', `${name} has a constant length of ${column.text.minLength} characters.`);
  }
  if (
    column.imbalance !== undefined &&
    (categorical || column.semanticType === 'boolean') &&
    column.imbalance > t.imbalance
  ) {
    add(
      'IMBALANCE',
      `${name} is highly imbalanced (score ${column.imbalance.toFixed(2)}).`,
      column.imbalance,
    );
  }
}

export function datasetAlerts(overview: DatasetOverview, t: AlertThresholds): Alert[] {
  const alerts: Alert[] = [];
  if (overview.rows === 0) {
    alerts.push({ type: 'EMPTY', columns: [], message: 'The dataset has no rows.' });
  }
  if (overview.duplicateRows > 0 && overview.duplicateRowsFraction > t.duplicatesFraction) {
    alerts.push({
      type: 'DUPLICATES',
      columns: [],
      message: `The dataset has ${count(overview.duplicateRows)} (${percent(overview.duplicateRowsFraction)}) duplicate rows.`,
      value: overview.duplicateRowsFraction,
    });
  }
  return alerts;
}

/**
 * HIGH_CORRELATION, one alert per column listing its partners (as ydata-profiling), from
 * the "auto" measures: Spearman between numbers, Cramér's V between categories, η across.
 */
export function correlationAlerts(associations: Associations, t: AlertThresholds): Alert[] {
  const partners = new Map<string, Map<string, number>>();
  const note = (a: string, b: string, v: number | null): void => {
    if (v === null || a === b || Math.abs(v) <= t.highCorrelation) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      let m = partners.get(x);
      if (!m) partners.set(x, (m = new Map()));
      if (!m.has(y) || Math.abs(v) > Math.abs(m.get(y) ?? 0)) m.set(y, v);
    }
  };
  for (const matrix of [associations.spearman, associations.cramersV]) {
    matrix.columns.forEach((a, i) => {
      matrix.columns.forEach((b, j) => {
        if (j > i) note(a, b, matrix.values[i][j]);
      });
    });
  }
  const eta = associations.correlationRatio;
  eta.rows.forEach((a, i) => eta.columns.forEach((b, j) => note(a, b, eta.values[i][j])));
  const alerts: Alert[] = [];
  for (const [column, others] of partners) {
    const list = [...others.entries()].sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
    const strongest = list[0][1];
    alerts.push({
      type: 'HIGH_CORRELATION',
      columns: [column, ...list.map(([name]) => name)],
      message: `${column} is highly correlated with ${list
        .map(([name, v]) => `${name} (${v.toFixed(2)})`)
        .join(', ')}.`,
      value: strongest,
    });
  }
  return alerts;
}

export function targetLeakageAlerts(
  target: string,
  ranking: TargetAssociation[],
  t: AlertThresholds,
): Alert[] {
  return ranking
    .filter((r) => r.strength >= t.targetLeakage)
    .map((r) => ({
      type: 'TARGET_LEAKAGE' as const,
      columns: [r.column, target],
      message: `${r.column} is almost perfectly associated with the target ${target} (${r.method.replace('_', ' ')} ${r.strength.toFixed(3)}); check it is known before the outcome.`,
      value: r.strength,
    }));
}

const ORDER: Alert['type'][] = [
  'EMPTY',
  'TARGET_LEAKAGE',
  'DUPLICATES',
  'CONSTANT',
  'ID_LIKE',
  'UNSUPPORTED',
  'MISSING',
  'INFINITE',
  'HIGH_CORRELATION',
  'HIGH_CARDINALITY',
  'IMBALANCE',
  'SKEWED',
  'TYPE_DATE',
  'UNIQUE',
  'UNIFORM',
  'ZEROS',
  'CONSTANT_LENGTH',
];

/** Most actionable first, then by column. */
export function sortAlerts(alerts: Alert[]): Alert[] {
  return alerts.sort(
    (a, b) =>
      ORDER.indexOf(a.type) - ORDER.indexOf(b.type) || (a.columns[0] ?? '').localeCompare(b.columns[0] ?? ''),
  );
}
