/**
 * The Clean view's list of operations: their groups (as the left panel shows them), the
 * words people read for each, and the step an operation starts from when a column is in
 * hand (the grid's column menu). The arguments themselves come from the contract's
 * schemas (see step-fields.ts).
 */
import type { StepOp } from '../../shared/clean/recipe';

export interface OperationGroup {
  id: string;
  label: string;
  ops: StepOp[];
}

export const operationGroups: readonly OperationGroup[] = [
  {
    id: 'columns',
    label: 'Columns',
    ops: ['select_columns', 'drop_columns', 'rename_columns', 'reorder_columns', 'clone_column', 'cast'],
  },
  { id: 'rows', label: 'Rows', ops: ['filter', 'sort', 'drop_duplicates'] },
  { id: 'missing', label: 'Missing values', ops: ['drop_missing', 'fill_missing'] },
  { id: 'text', label: 'Text', ops: ['replace', 'strip', 'change_case', 'split_column', 'text_length'] },
  { id: 'dates', label: 'Dates', ops: ['parse_date', 'date_part'] },
  { id: 'numbers', label: 'Numbers', ops: ['round', 'clip', 'scale', 'bin', 'one_hot'] },
  { id: 'reshape', label: 'Reshape', ops: ['group_by', 'join'] },
  { id: 'custom', label: 'Custom', ops: ['formula', 'sql'] },
  {
    id: 'features',
    label: 'Features',
    ops: [
      'arithmetic',
      'ratio',
      'log',
      'sqrt',
      'power',
      'cyclical',
      'lag',
      'diff',
      'rolling',
      'expanding',
      'target_encode',
      'frequency_encode',
      'text_tokens',
      'interaction',
    ],
  },
];

const labels: Partial<Record<StepOp, string>> = {
  cast: 'Change type',
  filter: 'Filter rows',
  sort: 'Sort rows',
  drop_duplicates: 'Drop duplicate rows',
  drop_missing: 'Drop rows with missing values',
  fill_missing: 'Fill missing values',
  replace: 'Find and replace',
  strip: 'Strip whitespace',
  change_case: 'Change case',
  split_column: 'Split column',
  text_length: 'Text length',
  parse_date: 'Parse dates',
  date_part: 'Date part',
  round: 'Round',
  clip: 'Clip outliers',
  scale: 'Scale',
  bin: 'Bin',
  one_hot: 'One-hot encode',
  group_by: 'Group and aggregate',
  join: 'Join a dataset',
  formula: 'New column from a formula',
  sql: 'Custom SQL',
  arithmetic: 'Arithmetic of two columns',
  ratio: 'Ratio of two columns',
  log: 'Logarithm',
  sqrt: 'Square root',
  power: 'Power',
  cyclical: 'Cyclical (sin and cos)',
  lag: 'Lag (earlier value)',
  diff: 'Difference from earlier value',
  rolling: 'Rolling window',
  expanding: 'Expanding window',
  target_encode: 'Target encode (out of fold)',
  frequency_encode: 'Frequency encode',
  text_tokens: 'Text tokens',
  interaction: 'Interaction of two columns',
};

/** What people read for an operation: "Drop columns", "Fill missing values". */
export function opLabel(op: StepOp): string {
  const label = labels[op];
  if (label) return label;
  const words = op.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Operations that act on one column, or on a list of them (the column menu's choices). */
export const columnOps: readonly StepOp[] = [
  'drop_columns',
  'rename_columns',
  'cast',
  'fill_missing',
  'replace',
  'strip',
  'change_case',
  'parse_date',
  'round',
  'clip',
  'scale',
  'one_hot',
];
