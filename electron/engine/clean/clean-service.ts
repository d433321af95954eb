/**
 * The cleaning capability for one engine: previews a recipe on a sample of a version,
 * checks it step by step, applies it as a job that makes a new version with the recipe in
 * its lineage, writes it out as SQL or pandas code, and keeps recipes by name. See
 * docs/architecture.md, "Inside the clean capability".
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ApplyRequest,
  ApplyResult,
  CleanPreview,
  CleanRequest,
  SavedRecipe,
  StepProblem,
} from '../../../shared/clean/clean-api';
import type { Recipe } from '../../../shared/clean/recipe';
import { ApiError } from '../../../shared/errors';
import type { EventBus } from '../core/event-bus';
import { resolveVersion, versionTable, versionViewName } from '../datasets/dataset-store';
import type { JobManager } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';
import { runApply } from './apply-recipe';
import { compileRecipe } from './compile-recipe';
import { sourceSelect } from './hidden-columns';
import { PREVIEW_ROWS, previewRecipe } from './preview-recipe';
import { pandasFunction, sqlScript } from './recipe-code';
import { joinTables } from './recipe-inputs';
import { getRecipe, listRecipes, saveRecipe } from './recipe-store';

const DEFAULT_PREVIEW_LIMIT = 200;

export class CleanService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly events: EventBus,
  ) {}

  /** Each call on a connection of its own, so a preview never waits behind the grid. */
  private async use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.workspace().withConnection(work);
  }

  async preview(request: CleanRequest & { limit?: number; throughStep?: number }): Promise<CleanPreview> {
    return this.use(async (c) =>
      previewRecipe(c, await resolveVersion(c, request.version), request.recipe, {
        limit: request.limit ?? DEFAULT_PREVIEW_LIMIT,
        ...(request.throughStep === undefined ? {} : { throughStep: request.throughStep }),
      }),
    );
  }

  /** Problems on the version's first rows (the preview's sample): columns, types and casts. */
  async check(request: CleanRequest): Promise<StepProblem[]> {
    return this.use(async (c) => {
      const version = await resolveVersion(c, request.version);
      const compiled = await compileRecipe(c, request.recipe, {
        source: sourceSelect(versionTable(version.id), null).concat(` LIMIT ${PREVIEW_ROWS}`),
        fit: 'recompute',
        reused: null,
        tableOf: await joinTables(c, request.recipe, false),
      });
      return compiled.problems;
    });
  }

  startApply(request: ApplyRequest): { jobId: string; outcome: Promise<ApplyResult> } {
    const workspace = this.workspace();
    const deps = {
      connect: () => workspace.connect(),
      release: (c: DuckDBConnection) => workspace.release(c),
    };
    return this.jobs.start({ kind: 'clean', label: 'Applying a recipe' }, async (ctx) => {
      const result = await runApply(ctx, deps, request);
      this.events.emit('datasets.changed', { dataset: result.version.dataset });
      return result;
    });
  }

  /** The code needs the version: the columns it sees decide each step's SQL and pandas. */
  async code(request: { recipe: Recipe; version?: string; language: 'sql' | 'pandas' }): Promise<string> {
    if (!request.version) {
      throw new ApiError('INVALID_INPUT', 'Name the version the recipe reads: its columns decide the code.');
    }
    const reference = request.version;
    return this.use(async (c) => {
      const version = await resolveVersion(c, reference);
      const compiled = await compileRecipe(c, request.recipe, {
        source: sourceSelect(versionTable(version.id), null),
        fit: 'recompute',
        reused: null,
        tableOf: await joinTables(c, request.recipe, true),
      });
      if (compiled.problems.length > 0) {
        throw new ApiError('INVALID_INPUT', compiled.problems[0]!.message, { problems: compiled.problems });
      }
      return request.language === 'sql'
        ? sqlScript(compiled, versionViewName(version.dataset, version.number))
        : pandasFunction(compiled);
    });
  }

  async save(request: { name: string; recipe: Recipe; description?: string }): Promise<SavedRecipe> {
    return this.use((c) => saveRecipe(c, request.name, request.recipe, request.description ?? ''));
  }

  async list(): Promise<SavedRecipe[]> {
    return this.use((c) => listRecipes(c));
  }

  async get(name: string, number?: number): Promise<SavedRecipe> {
    return this.use((c) => getRecipe(c, name, number));
  }
}
