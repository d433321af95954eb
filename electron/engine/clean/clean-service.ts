/**
 * The cleaning capability for one engine: previews a recipe on a sample of a version,
 * checks it step by step, applies it as a job that makes a new version with the recipe in
 * its lineage, writes it out as SQL or pandas code, and keeps recipes by name. See
 * docs/architecture.md, "Inside the clean capability".
 */
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
import type { JobManager } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';

export class CleanService {
  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly events: EventBus,
  ) {}

  async preview(_request: CleanRequest & { limit?: number; throughStep?: number }): Promise<CleanPreview> {
    throw new ApiError('INVALID_INPUT', 'Previewing a recipe is not available yet.');
  }

  async check(_request: CleanRequest): Promise<StepProblem[]> {
    throw new ApiError('INVALID_INPUT', 'Checking a recipe is not available yet.');
  }

  startApply(_request: ApplyRequest): { jobId: string; outcome: Promise<ApplyResult> } {
    return this.jobs.start({ kind: 'clean', label: 'Applying a recipe' }, async () => {
      throw new ApiError('INVALID_INPUT', 'Applying a recipe is not available yet.');
    });
  }

  async code(_request: { recipe: Recipe; version?: string; language: 'sql' | 'pandas' }): Promise<string> {
    throw new ApiError('INVALID_INPUT', 'Recipe code is not available yet.');
  }

  async save(_request: { name: string; recipe: Recipe; description?: string }): Promise<SavedRecipe> {
    void this.workspace;
    void this.events;
    throw new ApiError('INVALID_INPUT', 'Saving recipes is not available yet.');
  }

  async list(): Promise<SavedRecipe[]> {
    return [];
  }

  async get(name: string, _number?: number): Promise<SavedRecipe> {
    throw new ApiError('NOT_FOUND', `There is no saved recipe "${name}".`);
  }
}
