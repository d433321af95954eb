/**
 * join: the rows of another dataset matched on key columns. Rows are new, so the step
 * drops the row key.
 *
 * Meanings, the same in SQL and pandas: keys named once (`on: [..]`) give one column, its
 * value from whichever side has it; keys with two names ({left, right}) keep both columns.
 * Other columns that both sides have are suffixed `_x` (this side) and `_y` (the other), as
 * pandas' merge does. NULL keys never match (SQL's `=`; pandas would match NaN with NaN, so
 * its code sets those rows aside and adds them back for left, right and full joins). The
 * result is sorted by the keys, then by every other column, NULL last, so both languages
 * give one order.
 *
 * The other dataset's columns are read by `fit` (as `right_columns` and `right_types` in
 * the fitted statistics), which also refuses keys of different kinds with a sentence.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StepOf } from '../../../../shared/clean/recipe';
import { ApiError } from '../../../../shared/errors';
import type { ColumnInfo } from '../../../../shared/datasets';
import type { OpDefinition, StepContext, StepStats } from '../op-definition';
import { findColumn, missingColumns, py, pyList, q, typeFamily } from './columns-support';

interface JoinPlan {
  /** Key pairs, left name and right name. */
  keys: Array<[string, string]>;
  /** Keys named once: one output column, coalesced. */
  shared: boolean;
  /** Output columns in order: source side, source name, output name. */
  outputs: Array<{ side: 'l' | 'r' | 'key'; source: string; name: string }>;
}

function keyPairs(step: StepOf<'join'>): { keys: Array<[string, string]>; shared: boolean } {
  if (Array.isArray(step.on)) return { keys: step.on.map((k) => [k, k]), shared: true };
  const { left, right } = step.on;
  return { keys: [[left, right]], shared: left === right };
}

function rightColumnsOf(stats: StepStats): ColumnInfo[] {
  const names = Array.isArray(stats.right_columns) ? stats.right_columns : [];
  const types = Array.isArray(stats.right_types) ? stats.right_types : [];
  return names.map((name, i) => ({ name: String(name), type: String(types[i] ?? 'VARCHAR') }));
}

function planJoin(step: StepOf<'join'>, left: ColumnInfo[], right: ColumnInfo[]): JoinPlan {
  const { keys, shared } = keyPairs(step);
  const sharedKeys = new Set(shared ? keys.map(([k]) => k) : []);
  const leftOthers = left.filter((c) => !sharedKeys.has(c.name)).map((c) => c.name);
  const rightOthers = right.filter((c) => !sharedKeys.has(c.name)).map((c) => c.name);
  const both = new Set(leftOthers.filter((n) => rightOthers.includes(n)));
  const outputs: JoinPlan['outputs'] = [
    ...left.map((c) =>
      sharedKeys.has(c.name)
        ? { side: 'key' as const, source: c.name, name: c.name }
        : { side: 'l' as const, source: c.name, name: both.has(c.name) ? `${c.name}_x` : c.name },
    ),
    ...rightOthers.map((n) => ({ side: 'r' as const, source: n, name: both.has(n) ? `${n}_y` : n })),
  ];
  const seen = new Set<string>();
  for (const { name } of outputs) {
    if (seen.has(name.toLowerCase())) {
      throw new ApiError(
        'INVALID_INPUT',
        `Joining "${step.dataset}" would make two columns named "${name}".`,
      );
    }
    seen.add(name.toLowerCase());
  }
  return { keys, shared, outputs };
}

/** Integer, float and decimal keys compare as numbers on both sides; other kinds must agree. */
function keyKind(type: string): string {
  const family = typeFamily(type);
  return family === 'integer' || family === 'float' || family === 'decimal' ? 'number' : family;
}

async function fitJoin(
  step: StepOf<'join'>,
  ctx: StepContext,
  connection: DuckDBConnection,
): Promise<StepStats> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${ctx.tableOf(step.dataset)}`);
  const right = reader
    .getRowObjectsJS()
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }))
    .filter((c) => !c.name.startsWith('__assay_'));
  for (const [l, r] of keyPairs(step).keys) {
    const rightKey = findColumn(right, r);
    if (!rightKey)
      throw new ApiError('INVALID_INPUT', `Dataset "${step.dataset}" has no column "${r}" to join on.`);
    const leftKey = findColumn(ctx.columns, l);
    if (leftKey && keyKind(leftKey.type) !== keyKind(rightKey.type)) {
      throw new ApiError(
        'INVALID_INPUT',
        `The join key "${l}" is ${leftKey.type} here but "${r}" is ${rightKey.type} in "${step.dataset}"; cast one of them first.`,
      );
    }
  }
  planJoin(step, ctx.columns, right);
  return { right_columns: right.map((c) => c.name), right_types: right.map((c) => c.type) };
}

const SQL_HOW = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', full: 'FULL' } as const;
const PANDAS_HOW = { inner: 'inner', left: 'left', right: 'right', full: 'outer' } as const;

/** The output position of each key column: the left key, and the right one when kept. */
function keyPositions(plan: JoinPlan): number[] {
  return plan.keys
    .flatMap(([l, r]) => [
      plan.outputs.findIndex((o) => o.side !== 'r' && o.source === l),
      plan.shared ? -1 : plan.outputs.findIndex((o) => o.side === 'r' && o.source === r),
    ])
    .filter((i) => i >= 0);
}

/** Keys first, then every other column, as output positions. */
function sortOrder(plan: JoinPlan): number[] {
  const keys = keyPositions(plan);
  return [...keys, ...plan.outputs.map((_, i) => i).filter((i) => !keys.includes(i))];
}

export const join: OpDefinition<'join'> = {
  op: 'join',
  label: 'Join a dataset',
  keepsRows: false,
  check(step, columns) {
    const left = Array.isArray(step.on) ? step.on : [step.on.left];
    return missingColumns(columns, left, Array.isArray(step.on) ? 'on' : 'on.left');
  },
  fit: fitJoin,
  sql(step, ctx) {
    const plan = planJoin(step, ctx.columns, rightColumnsOf(ctx.stats));
    const items = plan.outputs.map((o) => {
      const source =
        o.side === 'key' ? `coalesce("l".${q(o.source)}, "r".${q(o.source)})` : `"${o.side}".${q(o.source)}`;
      return `${source} AS ${q(o.name)}`;
    });
    const on = plan.keys.map(([l, r]) => `"l".${q(l)} = "r".${q(r)}`).join(' AND ');
    const order = sortOrder(plan).map((i) => `${i + 1} ASC NULLS LAST`);
    return (
      `SELECT ${items.join(', ')} FROM ${ctx.input} AS "l" ${SQL_HOW[step.how]} JOIN ` +
      `${ctx.tableOf(step.dataset)} AS "r" ON ${on} ORDER BY ${order.join(', ')}`
    );
  },
  pandas(step, ctx) {
    const right = rightColumnsOf(ctx.stats);
    const plan = planJoin(step, ctx.columns, right);
    const renames = (side: 'l' | 'r') =>
      `{${plan.outputs
        .filter((o) => o.side === side && o.source !== o.name)
        .map((o) => `${py(o.source)}: ${py(o.name)}`)
        .join(', ')}}`;
    // Keys by their names after the renames (a kept right key may have become name_y).
    const outName = (side: 'l' | 'r', source: string) =>
      plan.outputs.find((o) => (side === 'l' ? o.side !== 'r' : o.side === 'r') && o.source === source)
        ?.name ?? source;
    const leftKeys = pyList(plan.keys.map(([l]) => outName('l', l)));
    const rightKeys = pyList(plan.keys.map(([, r]) => (plan.shared ? r : outName('r', r))));
    const keysArg = plan.shared ? `on=${leftKeys}` : `left_on=${leftKeys}, right_on=${rightKeys}`;
    const names = plan.outputs.map((o) => o.name);
    return [
      `_left = df.rename(columns=${renames('l')})`,
      `_right = datasets[${py(step.dataset)}][${pyList(right.map((c) => c.name))}].rename(columns=${renames('r')})`,
      `_lnull = _left[${leftKeys}].isna().any(axis=1)`,
      `_rnull = _right[${rightKeys}].isna().any(axis=1)`,
      `df = _left[~_lnull].merge(_right[~_rnull], how=${py(PANDAS_HOW[step.how])}, ${keysArg})`,
      ...(step.how === 'left' || step.how === 'full'
        ? ['df = pd.concat([df, _left[_lnull]], ignore_index=True)']
        : []),
      ...(step.how === 'right' || step.how === 'full'
        ? ['df = pd.concat([df, _right[_rnull]], ignore_index=True)']
        : []),
      `df = df[${pyList(names)}].sort_values(${pyList(sortOrder(plan).map((i) => names[i]))}, na_position="last", kind="mergesort").reset_index(drop=True)`,
    ];
  },
};
