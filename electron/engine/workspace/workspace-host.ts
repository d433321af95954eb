/**
 * Holds the one open workspace of an engine and switches it safely: the new workspace is
 * opened first (so a bad path keeps the old one open), running jobs of the old one are
 * cancelled, then it is closed and every view is told to reload.
 */
import type { WorkspaceInfo } from '../../../shared/workspace';
import type { EventBus } from '../core/event-bus';
import type { JobManager } from '../jobs/job-manager';
import { realPathOf } from './caller-paths';
import { rememberWorkspace } from './recent-workspaces';
import { Workspace, type OpenOptions } from './workspace';
import { workspaceFiles } from './workspace-paths';

export class WorkspaceHost {
  constructor(
    private workspace: Workspace,
    private readonly events: EventBus,
    private readonly jobs: JobManager,
  ) {}

  current(): Workspace {
    return this.workspace;
  }

  async switchTo(dir: string, options: OpenOptions): Promise<WorkspaceInfo> {
    // Opening the same file twice in one process would bypass DuckDB's lock, so the
    // folder is compared by its real path: a symbolic link to it is the same workspace.
    if (workspaceFiles(await realPathOf(dir)).root === this.workspace.root) return this.workspace.info();
    const next = await Workspace.open(dir, options);
    await this.jobs.cancelAll();
    this.workspace.close();
    this.workspace = next;
    await rememberWorkspace(next.root);
    const info = await next.info();
    this.events.emit('workspace.changed', info);
    return info;
  }
}
