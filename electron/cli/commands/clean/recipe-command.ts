/**
 * `assay recipe …`: cleaning recipes without the Clean view. `apply` makes a new version
 * (apply-command.ts); `sql` and `pandas` print the code a recipe compiles to; `list` and
 * `save` keep recipes by name in the workspace, each save a new number.
 */
import type { Command } from 'commander';
import type { SavedRecipe } from '../../../../shared/clean';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withClient } from '../../open-engine';
import { tableLines } from '../../text-table';
import { registerRecipeApply } from './apply-command';
import { loadRecipe } from './recipe-source';

export function registerRecipe(program: Command, globals: () => GlobalOptions): void {
  const recipe = program
    .command('recipe')
    .description('Cleaning recipes: apply one to a dataset, print it as SQL or pandas, save and list them.');
  registerRecipeApply(recipe, globals);
  registerCode(recipe, globals, 'sql');
  registerCode(recipe, globals, 'pandas');
  registerList(recipe, globals);
  registerSave(recipe, globals);
}

function registerCode(recipe: Command, globals: () => GlobalOptions, language: 'sql' | 'pandas'): void {
  recipe
    .command(language)
    .description(
      language === 'sql'
        ? 'Print the recipe as one DuckDB SQL script (a commented CTE per step).'
        : 'Print the recipe as a Python function over a pandas DataFrame.',
    )
    .argument('<recipe>', 'a recipe JSON file, or the name of a saved recipe (NAME or NAME@N)')
    .option('--dataset <dataset>', 'the DATASET[@VERSION] it reads: its columns decide the code (needed)')
    .action(async (recipeArg: string, flags: { dataset?: string }) => {
      const dataset = flags.dataset;
      if (!dataset) {
        throw new UsageError(
          'Name the dataset the recipe reads with --dataset DATASET[@VERSION]: its columns decide the code.',
        );
      }
      const code = await withClient(globals(), async (client) => {
        const source = await loadRecipe(client, recipeArg);
        const version = (await client.call('datasets.version', { version: dataset })).id;
        return client.call('clean.code', { recipe: source.recipe, language, version });
      });
      emit(globals(), { language, code: code.code }, (r) => r.code.replace(/\n$/, ''));
    });
}

function registerList(recipe: Command, globals: () => GlobalOptions): void {
  recipe
    .command('list')
    .description('List the recipes saved in the workspace.')
    .action(async () => {
      const saved = await withClient(globals(), (client) => client.call('recipes.list', {}));
      emit(globals(), saved.map(listJson), (rows) =>
        rows.length === 0
          ? 'No saved recipes yet (assay recipe save NAME RECIPE.json).'
          : tableLines(
              ['name', 'number', 'steps', 'created', 'description'],
              rows.map((r) => [
                r.name,
                String(r.number),
                String(r.steps),
                r.created.slice(0, 19).replace('T', ' '),
                r.description,
              ]),
              { maxWidth: 60, align: (i) => (i === 1 || i === 2 ? 'right' : 'left') },
            ).join('\n'),
      );
    });
}

function registerSave(recipe: Command, globals: () => GlobalOptions): void {
  recipe
    .command('save')
    .description('Save a recipe file by name in the workspace (saving a name again makes a new number).')
    .argument('<name>', 'the recipe name: letters, digits, spaces, _ . or -')
    .argument('<recipe>', 'the recipe JSON file')
    .option('--description <text>', 'a line saying what it is for')
    .action(async (name: string, recipeArg: string, flags: { description?: string }) => {
      const saved = await withClient(globals(), async (client) => {
        const source = await loadRecipe(client, recipeArg);
        return client.call('recipes.save', {
          name,
          recipe: source.recipe,
          ...(flags.description !== undefined ? { description: flags.description } : {}),
        });
      });
      emit(
        globals(),
        listJson(saved),
        (r) => `Saved recipe ${r.name} #${r.number} (${r.steps} step${r.steps === 1 ? '' : 's'}).`,
      );
    });
}

function listJson(r: SavedRecipe) {
  return {
    name: r.name,
    number: r.number,
    steps: r.recipe.steps.length,
    created: r.createdAt,
    description: r.description,
  };
}
