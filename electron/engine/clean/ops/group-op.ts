/**
 * group_by: one row per distinct combination of the keys, with aggregations, sorted by the
 * keys (NULL last) so both languages give the same order. Rows are new, so the step drops
 * the row key.
 *
 * Meanings shared with pandas' groupby(dropna=False, sort=True).agg: NULL and NaN keys form
 * one group; every aggregation skips NULL and NaN; sum of nothing is 0 (pandas'
 * min_count=0); std is the sample standard deviation (ddof=1); median interpolates
 * (quantile_cont); first and last are the first and last non-missing values in the
 * current row order.
 */
import type { StepOf } from '../../../../shared/clean/recipe';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition, StepIssue } from '../op-definition';
import {
  findColumn,
  missingAware,
  missingColumns,
  nameClash,
  py,
  pyList,
  q,
  repeatedNames,
} from './columns-support';
import { columnOfType } from './stat-support';

type Aggregation = StepOf<'group_by'>['aggregations'][number];

const NUMERIC_ONLY = new Set<Aggregation['fn']>(['sum', 'mean', 'median', 'std']);

function groupIssues(step: StepOf<'group_by'>, columns: ColumnInfo[]): StepIssue[] {
  const issues = [...missingColumns(columns, step.keys, 'keys'), ...repeatedNames(step.keys, 'keys')];
  const names = [...step.keys];
  step.aggregations.forEach((a, i) => {
    const field = `aggregations.${i}`;
    issues.push(
      ...(NUMERIC_ONLY.has(a.fn)
        ? columnOfType(columns, a.column, `${field}.column`, 'numeric')
        : missingColumns(columns, [a.column], `${field}.column`)),
    );
    issues.push(...nameClash(names, a.name, `${field}.name`));
    names.push(a.name);
  });
  return issues;
}

function aggregateSql(a: Aggregation, columns: ColumnInfo[], order: string): string {
  const column = findColumn(columns, a.column) ?? { name: a.column, type: 'VARCHAR' };
  const v = missingAware(column);
  const ordered = order === '' ? '' : ` ORDER BY ${order}`;
  switch (a.fn) {
    case 'count':
      return `count(${v})`;
    case 'sum':
      return `coalesce(sum(${v}), 0)`;
    case 'mean':
      return `avg(${v})`;
    case 'median':
      return `quantile_cont(${v}, 0.5)`;
    case 'std':
      return `stddev_samp(${v})`;
    case 'nunique':
      return `count(DISTINCT ${v})`;
    case 'first':
    case 'last':
      return `${a.fn}(${v}${ordered}) FILTER (WHERE ${v} IS NOT NULL)`;
    default:
      return `${a.fn}(${v})`;
  }
}

export const groupBy: OpDefinition<'group_by'> = {
  op: 'group_by',
  label: 'Group and aggregate',
  keepsRows: false,
  check: groupIssues,
  sql(step, ctx) {
    const keys = step.keys.map((k) => {
      const column = findColumn(ctx.columns, k) ?? { name: k, type: 'VARCHAR' };
      return `${missingAware(column)} AS ${q(k)}`;
    });
    const aggregates = step.aggregations.map(
      (a) => `${aggregateSql(a, ctx.columns, ctx.order)} AS ${q(a.name)}`,
    );
    const positions = step.keys.map((_, i) => String(i + 1));
    return (
      `SELECT ${[...keys, ...aggregates].join(', ')} FROM ${ctx.input} ` +
      `GROUP BY ${positions.join(', ')} ORDER BY ${positions.map((p) => `${p} ASC NULLS LAST`).join(', ')}`
    );
  },
  pandas(step) {
    const named = step.aggregations.map((a) => `${py(a.name)}: (${py(a.column)}, ${py(a.fn)})`);
    return [
      `df = df.groupby(${pyList(step.keys)}, dropna=False, sort=True).agg(**{${named.join(', ')}}).reset_index()`,
    ];
  },
};
