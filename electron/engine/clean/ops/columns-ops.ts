/**
 * Operations on the set of columns: select, drop, rename, reorder, clone and cast. None
 * changes which rows there are, so each keeps the row key; new columns appear right after
 * the column they come from, as Data Wrangler places them. A cast of a JSON column (a
 * mixed-type field of a JSON file) reads each cell's plain text first, quotes removed, as
 * pandas holds it.
 */
import { checkedTypeName } from '../../db/sql-text';
import type { OpDefinition, StepIssue } from '../op-definition';
import {
  findColumn,
  missingColumns,
  nameClash,
  pandasAdding,
  py,
  pyList,
  q,
  repeatedNames,
  selectAdding,
  selectReplacing,
  typeFamily,
} from './columns-support';

function listIssues(step: { columns: string[] }, columns: { name: string; type: string }[]): StepIssue[] {
  return [...missingColumns(columns, step.columns, 'columns'), ...repeatedNames(step.columns, 'columns')];
}

export const selectColumns: OpDefinition<'select_columns'> = {
  op: 'select_columns',
  label: 'Select columns',
  keepsRows: true,
  check: listIssues,
  sql: (step, ctx) => `SELECT ${ctx.rowKey}${step.columns.map((c) => q(c)).join(', ')} FROM ${ctx.input}`,
  pandas: (step) => [`df = df[${pyList(step.columns)}]`],
};

export const dropColumns: OpDefinition<'drop_columns'> = {
  op: 'drop_columns',
  label: 'Drop columns',
  keepsRows: true,
  check(step, columns) {
    const issues = listIssues(step, columns);
    const dropped = new Set(step.columns);
    if (issues.length === 0 && columns.every((c) => dropped.has(c.name))) {
      issues.push({
        field: 'columns',
        message: 'Dropping every column would leave nothing; keep at least one.',
      });
    }
    return issues;
  },
  sql(step, ctx) {
    const dropped = new Set(step.columns);
    const kept = ctx.columns.filter((c) => !dropped.has(c.name)).map((c) => q(c.name));
    return `SELECT ${ctx.rowKey}${kept.join(', ')} FROM ${ctx.input}`;
  },
  pandas: (step) => [`df = df.drop(columns=${pyList(step.columns)})`],
};

export const renameColumns: OpDefinition<'rename_columns'> = {
  op: 'rename_columns',
  label: 'Rename columns',
  keepsRows: true,
  check(step, columns) {
    const olds = Object.keys(step.mapping);
    const issues = missingColumns(columns, olds, 'mapping');
    // Names after the rename: the untouched columns plus each new name, checked in turn.
    const taken = columns.filter((c) => !(c.name in step.mapping)).map((c) => c.name);
    for (const [old, name] of Object.entries(step.mapping)) {
      issues.push(...nameClash(taken, name, `mapping.${old}`));
      taken.push(name);
    }
    return issues;
  },
  sql(step, ctx) {
    const items = ctx.columns.map((c) => {
      const name = step.mapping[c.name];
      return name === undefined ? q(c.name) : `${q(c.name)} AS ${q(name)}`;
    });
    return `SELECT ${ctx.rowKey}${items.join(', ')} FROM ${ctx.input}`;
  },
  pandas(step) {
    const pairs = Object.entries(step.mapping).map(([old, name]) => `${py(old)}: ${py(name)}`);
    return [`df = df.rename(columns={${pairs.join(', ')}})`];
  },
};

export const reorderColumns: OpDefinition<'reorder_columns'> = {
  op: 'reorder_columns',
  label: 'Reorder columns',
  keepsRows: true,
  check: listIssues,
  sql(step, ctx) {
    const first = new Set(step.columns);
    const rest = ctx.columns.filter((c) => !first.has(c.name)).map((c) => c.name);
    return `SELECT ${ctx.rowKey}${[...step.columns, ...rest].map((c) => q(c)).join(', ')} FROM ${ctx.input}`;
  },
  // The rest is computed in Python too, so the code still runs on a source with more columns.
  pandas: (step) => [
    `_first = ${pyList(step.columns)}`,
    'df = df[_first + [c for c in df.columns if c not in _first]]',
  ],
};

export const cloneColumn: OpDefinition<'clone_column'> = {
  op: 'clone_column',
  label: 'Clone a column',
  keepsRows: true,
  check: (step, columns) => [
    ...missingColumns(columns, [step.column], 'column'),
    ...nameClash(
      columns.map((c) => c.name),
      step.name,
      'name',
    ),
  ],
  sql: (step, ctx) =>
    `SELECT ${selectAdding(ctx, step.column, [{ expression: q(step.column), name: step.name }])} FROM ${ctx.input}`,
  pandas: (step) => pandasAdding(step.column, [{ values: `df[${py(step.column)}].copy()`, name: step.name }]),
};

/** Base type names `cast` accepts; anything else is refused before DuckDB sees it. */
const CASTABLE = new Set(
  ['BOOLEAN', 'BOOL', 'TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT']
    .concat([
      'UINTEGER',
      'UBIGINT',
      'FLOAT',
      'REAL',
      'DOUBLE',
      'DECIMAL',
      'NUMERIC',
      'VARCHAR',
      'TEXT',
      'STRING',
    ])
    .concat(['DATE', 'TIME', 'TIMESTAMP', 'DATETIME', 'TIMESTAMPTZ', 'INTERVAL', 'BLOB', 'UUID']),
);

function castTypeIssue(type: string): StepIssue[] {
  let checked: string;
  try {
    checked = checkedTypeName(type);
  } catch {
    return [
      {
        field: 'type',
        message: `"${type}" is not a DuckDB type name; use one like BIGINT, DOUBLE, VARCHAR, DATE.`,
      },
    ];
  }
  const base = checked.replace(/\s*\(.*\)$/, '');
  if (CASTABLE.has(base) && (!checked.includes('(') || base === 'DECIMAL' || base === 'NUMERIC')) return [];
  return [
    { field: 'type', message: `Assay cannot cast to "${type}"; use one of ${[...CASTABLE].join(', ')}.` },
  ];
}

/**
 * What a cast converts: the column, or for a JSON column each cell's plain text (no
 * quotes), as pandas holds it. A check of which values convert should cast this too.
 */
export function castValue(column: string, type: string): string {
  return type === 'JSON' ? `json_extract_string(${q(column)}, '$')` : q(column);
}

export const cast: OpDefinition<'cast'> = {
  op: 'cast',
  label: 'Change the type',
  keepsRows: true,
  check: (step, columns) => [
    ...missingColumns(columns, [step.column], 'column'),
    ...castTypeIssue(step.type),
  ],
  sql(step, ctx) {
    const fn = step.on_error === 'null' ? 'TRY_CAST' : 'CAST';
    const type = checkedTypeName(step.type);
    const json = findColumn(ctx.columns, step.column)?.type === 'JSON';
    const value = castValue(step.column, json ? 'JSON' : '');
    const expression = json && typeFamily(type) === 'text' ? value : `${fn}(${value} AS ${type})`;
    return `SELECT ${selectReplacing(ctx, new Map([[step.column, expression]]))} FROM ${ctx.input}`;
  },
  pandas(step, ctx) {
    const source = findColumn(ctx.columns, step.column)?.type ?? 'VARCHAR';
    const values = `df[${py(step.column)}]`;
    const expression =
      source === 'JSON' ? pandasCast(jsonText(values), 'VARCHAR', step) : pandasCast(values, source, step);
    if (expression !== null) return [`df[${py(step.column)}] = ${expression}`];
    const why = `cast: the pandas code cannot cast "${step.column}" to ${checkedTypeName(step.type)}.`;
    return [`raise NotImplementedError(${py(why)})`];
  },
};

/** The words DuckDB reads as booleans. */
const BOOL_WORDS = '{"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}';

/** The pandas expression for DuckDB's (TRY_)CAST of `values` from type `source`; null when there is none. */
function pandasCast(
  values: string,
  source: string,
  step: { type: string; on_error: 'null' | 'fail' },
): string | null {
  const errors = step.on_error === 'null' ? '"coerce"' : '"raise"';
  const target = checkedTypeName(step.type);
  const numbers = `pd.to_numeric(${values}, errors=${errors})`;
  const scale = /^(?:DECIMAL|NUMERIC)\s*\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(target)?.[1];
  switch (typeFamily(target)) {
    case 'integer':
      // DuckDB rounds a float's halves to even (like np.round) and a text's away from zero.
      return typeFamily(source) === 'float'
        ? `np.round(${numbers}).astype("Int64")`
        : `${numbers}.pipe(lambda v: np.sign(v) * np.floor(np.abs(v) + 0.5)).astype("Int64")`;
    case 'float':
      return `${numbers}.astype("float64")`;
    case 'decimal':
      return `${numbers}.astype("float64").round(${scale ?? '3'})`;
    case 'boolean':
      return typeFamily(source) === 'text'
        ? `${values}.map(lambda v: None if pd.isna(v) else ${BOOL_WORDS}.get(str(v).strip().lower())).astype("boolean")`
        : `${values}.map(lambda v: None if pd.isna(v) else bool(v)).astype("boolean")`;
    case 'text':
      return pandasToText(values, source);
    case 'temporal':
      if (target === 'DATE') return `pd.to_datetime(${values}, errors=${errors}).dt.normalize()`;
      if (target.startsWith('TIMESTAMP') || target === 'DATETIME')
        return `pd.to_datetime(${values}, errors=${errors})`;
      break;
  }
  return null;
}

/**
 * The pandas text of a JSON column's cells, as DuckDB's json_extract_string gives it: a
 * string as itself, a number as Python writes it, true/false, a list or object as compact
 * JSON, null as None.
 */
function jsonText(values: string): string {
  const compact = '__import__("json").dumps(v, separators=(",", ":"), ensure_ascii=False)';
  return (
    `${values}.map(lambda v: ${compact} if isinstance(v, (list, dict)) else v if isinstance(v, str) ` +
    'else None if pd.isna(v) else ("true" if v else "false") if isinstance(v, (bool, np.bool_)) else str(v))'
  );
}

function pandasToText(values: string, source: string): string {
  switch (typeFamily(source)) {
    case 'integer':
      return `${values}.astype("Int64").astype("string")`;
    case 'boolean':
      return `${values}.map({True: "true", False: "false"})`;
    case 'text':
      return values;
    default:
      return `${values}.map(lambda v: None if pd.isna(v) else str(v))`;
  }
}

export const columnsOps = [selectColumns, dropColumns, renameColumns, reorderColumns, cloneColumn, cast];
