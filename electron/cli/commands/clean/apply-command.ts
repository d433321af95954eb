/**
 * `assay recipe apply RECIPE DATASET[@VERSION]`: the recipe checked against the version
 * (a step at fault is one sentence before anything changes), then applied as the same
 * `clean.apply` job the Clean view runs, with the progress line; prints the new version,
 * its columns and what each step did.
 */
import type { Command } from 'commander';
import type { ApiClient } from '../../../../shared/api';
import type { FitMode, Recipe, StepProblem, StepSummary } from '../../../../shared/clean';
import { runCliJob } from '../../cli-job';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';
import { loadRecipe } from './recipe-source';

interface ApplyFlags {
  name?: string;
  fit?: string;
}

/** What `--json` prints: one object a script can read. */
export interface ApplyJson {
  dataset: string;
  version: number;
  rows: number;
  columns: Array<{ name: string; type: string }>;
  steps: Array<{
    step: number;
    op: string;
    rows_before: number;
    rows_after: number;
    added: string[];
    removed: string[];
    changed: string[];
    changed_cells: number | null;
  }>;
  seconds: number;
  source: string;
  recipe: string;
}

export function registerRecipeApply(recipe: Command, globals: () => GlobalOptions): void {
  recipe
    .command('apply')
    .description('Apply a recipe to a dataset version, making a new version whose lineage holds the recipe.')
    .argument('<recipe>', 'a recipe JSON file, or the name of a saved recipe (NAME or NAME@N)')
    .argument('<dataset>', 'DATASET (its latest version) or DATASET@VERSION')
    .option('--name <out>', 'the dataset the new version goes to (default: the source dataset)')
    .option(
      '--fit <mode>',
      'recompute the statistics steps need, or reuse them from the lineage',
      'recompute',
    )
    .action(async (recipeArg: string, dataset: string, flags: ApplyFlags) => {
      const fit = fitMode(flags.fit);
      const started = performance.now();
      const result = await withClient(globals(), (client) =>
        applyRecipe(client, recipeArg, dataset, fit, flags.name),
      );
      result.seconds = Math.round((performance.now() - started) / 10) / 100;
      emit(globals(), result, human);
    });
}

function fitMode(value: string | undefined): FitMode {
  if (value === undefined || value === 'recompute' || value === 'reuse') return value ?? 'recompute';
  throw new UsageError(`--fit must be recompute or reuse, not "${value}".`);
}

async function applyRecipe(
  client: ApiClient,
  recipeArg: string,
  dataset: string,
  fit: FitMode,
  name: string | undefined,
): Promise<ApplyJson> {
  const source = await loadRecipe(client, recipeArg);
  const parent = await client.call('datasets.version', { version: dataset });
  await refuseProblems(client, parent.id, source.recipe);
  const applied = await runCliJob(client, 'clean.apply', {
    version: parent.id,
    recipe: source.recipe,
    fit,
    ...(name !== undefined ? { name } : {}),
    ...(source.savedName !== undefined ? { recipeName: source.savedName } : {}),
  });
  const v = applied.version;
  return {
    dataset: v.dataset,
    version: v.number,
    rows: v.rows,
    columns: v.columns.map((c) => ({ name: c.name, type: c.type })),
    steps: applied.steps.map(stepJson),
    seconds: 0,
    source: `${parent.dataset}@${parent.number}`,
    recipe: source.label,
  };
}

/** The first problem `clean.check` finds, as one sentence naming the step and field. */
async function refuseProblems(client: ApiClient, version: string, recipe: Recipe): Promise<void> {
  const { problems } = await client.call('clean.check', { version, recipe });
  const first = problems[0];
  if (first) throw new Error(problemSentence(first, recipe));
}

export function problemSentence(problem: StepProblem, recipe: Recipe): string {
  const op = recipe.steps[problem.step]?.op;
  const where = `Step ${problem.step + 1}${op ? ` (${op}${problem.field ? `, ${problem.field}` : ''})` : ''}`;
  const message = problem.message.trim();
  // The engine's sentence may already name the step; then it stands alone.
  if (/^step \d+/i.test(message)) return message;
  return `${where}: ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
}

function stepJson(s: StepSummary): ApplyJson['steps'][number] {
  return {
    step: s.index + 1,
    op: s.op,
    rows_before: s.rowsBefore,
    rows_after: s.rowsAfter,
    added: s.addedColumns,
    removed: s.removedColumns,
    changed: s.changedColumns,
    changed_cells: s.changedCells,
  };
}

function human(r: ApplyJson): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const names = (list: string[]) => (list.length === 0 ? '-' : list.join(', '));
  const steps = r.steps.map((s) => [
    String(s.step),
    s.op,
    count(s.rows_before),
    count(s.rows_after),
    names(s.added),
    names(s.removed),
    names(s.changed),
    s.changed_cells === null ? '-' : count(s.changed_cells),
  ]);
  const right = (i: number) => (i === 0 || (i >= 2 && i <= 3) || i === 7 ? 'right' : 'left');
  return [
    `Applied ${r.recipe} to ${r.source}: ${r.dataset}@${r.version}, ${count(r.rows)} rows, ${r.columns.length} columns in ${r.seconds} s`,
    ...tableLines(
      ['step', 'op', 'rows before', 'rows after', 'added', 'removed', 'changed', 'cells changed'],
      steps,
      { indent: '  ', maxWidth: 40, align: right },
    ),
    ...tableLines(
      ['column', 'type'],
      r.columns.map((c) => [c.name, c.type]),
      { indent: '  ' },
    ),
  ].join('\n');
}
