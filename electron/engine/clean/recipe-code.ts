/**
 * A compiled recipe as code people take away: one readable DuckDB SQL script over the
 * version's view `"dataset@N"` (one CTE per step, each with a `-- Step N: label` comment,
 * fitted statistics written in as literals), and a pandas function `clean(df, datasets)`
 * that gives the same rows and values in the same order (the rule in hidden-columns.ts).
 */
import { quoteIdentifier } from '../db/sql-text';
import type { CompiledRecipe } from './compile-recipe';
import { cteName } from './compile-recipe';
import { HIDDEN, ORDER, ORDER_BY, ROW, pandasNewRowsOrder } from './hidden-columns';
import { definitionOf } from './ops';
import type { AnyOpDefinition } from './op-definition';

/**
 * The script reads a view, which has no rowid: the source position is the view's scan
 * order, numbered once (DuckDB keeps insertion order for a plain scan).
 */
export function sqlScript(compiled: CompiledRecipe, viewName: string): string {
  const number = '(row_number() OVER ()) - 1';
  const source = `SELECT ${number} AS ${quoteIdentifier(ROW)}, ${number} AS ${ORDER_BY}, * FROM ${quoteIdentifier(viewName)}`;
  const parts = [`  -- The rows of ${viewName}, numbered in their order\n  ${cteName(0)} AS (${source})`];
  compiled.steps.forEach((step, i) => {
    parts.push(
      `  -- Step ${i + 1}: ${step.label} (${step.step.op})\n  ${cteName(i + 1)} AS (\n    ${compiled.ctes[i + 1]}\n  )`,
    );
  });
  const last = compiled.steps.length;
  const exclude = HIDDEN.map(quoteIdentifier).join(', ');
  const keyed = compiled.steps.at(-1)?.keyed ?? true;
  const drop = keyed ? exclude : quoteIdentifier(ORDER);
  return `-- Made by Assay: the recipe's ${last} step${last === 1 ? '' : 's'} over ${viewName}\nWITH\n${parts.join(',\n')}\nSELECT * EXCLUDE (${drop}) FROM ${cteName(last)} ORDER BY ${ORDER_BY};\n`;
}

export function pandasFunction(compiled: CompiledRecipe): string {
  const lines = ['import pandas as pd', 'import numpy as np', '', '', 'def clean(df, datasets=None):'];
  lines.push('    """The recipe made by Assay; datasets maps dataset names to DataFrames, for joins."""');
  lines.push('    df = df.copy()');
  let columns = compiled.sourceColumns;
  compiled.steps.forEach((step, i) => {
    const definition = definitionOf(step.step.op) as AnyOpDefinition;
    const stats = compiled.fitted[String(i)] ?? {};
    lines.push(`    # Step ${i + 1}: ${step.label}`);
    const body = definition.pandas(step.step as never, { columns, stats, reused: compiled.reused });
    if (!definition.keepsRows) body.push(...pandasNewRowsOrder());
    for (const line of body) lines.push(...line.split('\n').map((l) => `    ${l}`));
    columns = step.columns;
  });
  lines.push('    return df.reset_index(drop=True)', '');
  return lines.join('\n');
}
