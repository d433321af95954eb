/**
 * The datasets capability for one engine: it follows whichever workspace is open, keeps
 * that workspace's grid connections (and their sorted-page cache) until it closes, and
 * starts imports, retypes, SQL saves and exports as jobs. Every change to the catalogue
 * is announced with `datasets.changed` so open views reload.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ColumnInsight,
  DatasetSummary,
  DatasetVersion,
  ImportOptions,
  ImportPreview,
  Page,
  PageRequest,
  SqlResult,
  TableCompletion,
} from '../../../shared/datasets';
import { ApiError } from '../../../shared/errors';
import type { EventBus } from '../core/event-bus';
import type { JobManager } from '../jobs/job-manager';
import type { Workspace } from '../workspace/workspace';
import { encodeReader } from './arrow-page';
import { columnInsights } from './column-insights';
import {
  createViews,
  dropViews,
  findDataset,
  listDatasets,
  listVersions,
  requireDataset,
  resolveVersion,
  summary,
  versionTable,
  versionViewName,
} from './dataset-store';
import { GridPages } from './grid-pages';
import { runImport, type ImportDeps, type ImportRequest } from './importer';
import { previewImport } from './import-preview';
import { SerialConnection } from '../db/serial-connection';
import { checkConsoleQuery, completions, runConsoleQuery, sqlTimeoutSeconds } from './sql-console';
import { runExport, runRetype, runSqlSave } from './version-jobs';

const DEFAULT_SQL_LIMIT = 1_000;

interface WorkspaceState {
  grid: SerialConnection;
  pages: GridPages;
}

export class DatasetsService {
  private readonly states = new WeakMap<Workspace, Promise<WorkspaceState>>();

  constructor(
    private readonly workspace: () => Workspace,
    private readonly jobs: JobManager,
    private readonly events: EventBus,
  ) {}

  private state(): Promise<WorkspaceState> {
    const workspace = this.workspace();
    let state = this.states.get(workspace);
    if (!state) {
      state = (async () => {
        const grid = new SerialConnection(await workspace.connect());
        const builder = new SerialConnection(await workspace.connect());
        await GridPages.attachCache(grid.connection);
        return { grid, pages: new GridPages(grid, builder) };
      })();
      state.catch(() => this.states.delete(workspace));
      this.states.set(workspace, state);
    }
    return state;
  }

  private deps(): ImportDeps {
    const workspace = this.workspace();
    return { connect: () => workspace.connect(), release: (c) => workspace.release(c) };
  }

  /** Catalogue reads and small writes go through the grid connection, one at a time. */
  private async withConnection<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return (await this.state()).grid.use(work);
  }

  private changed(dataset: string): void {
    this.events.emit('datasets.changed', { dataset });
  }

  async preview(paths: string[], options: ImportOptions = {}): Promise<ImportPreview> {
    const deps = this.deps();
    const connection = await deps.connect();
    try {
      return await previewImport(connection, paths, options);
    } finally {
      deps.release(connection);
    }
  }

  /** Start an import job; `outcome` resolves to the new (or unchanged) version. */
  startImport(request: ImportRequest): { jobId: string; outcome: Promise<DatasetVersion> } {
    const label = `Importing ${request.paths.length === 1 ? request.paths[0]!.split(/[\\/]/).pop() : `${request.paths.length} files`}`;
    const deps = this.deps();
    const { jobId, outcome } = this.jobs.start({ kind: 'import', label, unit: 'bytes' }, async (ctx) => {
      const result = await runImport(ctx, deps, request);
      if (!result.unchanged) this.changed(result.version.dataset);
      return result.version;
    });
    return { jobId, outcome };
  }

  async list(): Promise<DatasetSummary[]> {
    return this.withConnection(listDatasets);
  }

  async versions(dataset: string): Promise<DatasetVersion[]> {
    return this.withConnection(async (c) => listVersions(c, (await requireDataset(c, dataset)).id));
  }

  async version(reference: string): Promise<DatasetVersion> {
    return this.withConnection((c) => resolveVersion(c, reference));
  }

  async rename(dataset: string, newName: string): Promise<DatasetSummary> {
    const result = await this.withConnection(async (c) => {
      const record = await requireDataset(c, dataset);
      const clash = await findDataset(c, newName);
      if (clash && clash.id !== record.id) {
        throw new ApiError(
          'CONFLICT',
          `A dataset named "${clash.name}" already exists; choose another name.`,
        );
      }
      const numbers = (await listVersions(c, record.id)).map((v) => v.number);
      await transaction(c, async () => {
        await dropViews(c, record.name, numbers);
        await c.run('UPDATE assay.datasets SET name = $1 WHERE id = $2', [newName.trim(), record.id]);
        await createViews(c, record.id, newName.trim());
      });
      return summary(c, newName.trim());
    });
    this.changed(result.name);
    return result;
  }

  async tag(dataset: string, tags: string[]): Promise<DatasetSummary> {
    const result = await this.withConnection(async (c) => {
      const record = await requireDataset(c, dataset);
      const unique = [...new Set(tags.map((t) => t.trim()))];
      await c.run('UPDATE assay.datasets SET tags = $1 WHERE id = $2', [JSON.stringify(unique), record.id]);
      return summary(c, record.name);
    });
    this.changed(result.name);
    return result;
  }

  async delete(dataset: string): Promise<{ deleted: number }> {
    const state = await this.state();
    const { name, ids } = await state.grid.use(async (c) => {
      const record = await requireDataset(c, dataset);
      const versions = await listVersions(c, record.id);
      await transaction(c, async () => {
        await dropViews(
          c,
          record.name,
          versions.map((v) => v.number),
        );
        for (const v of versions) await c.run(`DROP TABLE IF EXISTS ${versionTable(v.id)}`);
        await c.run(
          'DELETE FROM assay.dataset_rejects WHERE version_id IN (SELECT id FROM assay.dataset_versions WHERE dataset_id = $1)',
          [record.id],
        );
        await c.run('DELETE FROM assay.dataset_versions WHERE dataset_id = $1', [record.id]);
        await c.run('DELETE FROM assay.datasets WHERE id = $1', [record.id]);
      });
      return { name: record.name, ids: versions.map((v) => v.id) };
    });
    await state.pages.forget(ids);
    this.changed(name);
    return { deleted: ids.length };
  }

  startRetype(
    version: string,
    changes: Record<string, string>,
  ): { jobId: string; outcome: Promise<DatasetVersion> } {
    const deps = this.deps();
    return this.jobs.start({ kind: 'retype', label: 'Changing column types' }, async (ctx) => {
      const result = await runRetype(ctx, deps, version, changes);
      this.changed(result.dataset);
      return result;
    });
  }

  async page(request: PageRequest): Promise<Page> {
    const state = await this.state();
    const version = await state.grid.use((c) => resolveVersion(c, request.version));
    return state.pages.page(version, request);
  }

  async insights(reference: string): Promise<ColumnInsight[]> {
    return this.withConnection(async (c) => columnInsights(c, await resolveVersion(c, reference)));
  }

  async rejects(reference: string, offset: number, limit: number): Promise<Page> {
    return this.withConnection(async (c) => {
      const version = await resolveVersion(c, reference);
      const total = await c.runAndReadAll(
        'SELECT count(*) FROM assay.dataset_rejects WHERE version_id = $1',
        [version.id],
      );
      const reader = await c.runAndReadAll(
        `SELECT file, line, column_name AS "column", error_type AS error, message, original_line
           FROM assay.dataset_rejects WHERE version_id = $1 ORDER BY file, line, column_name
          LIMIT ${limit} OFFSET ${offset}`,
        [version.id],
      );
      return { totalRows: Number(total.getRowsJS()[0]?.[0] ?? 0), offset, page: encodeReader(reader) };
    });
  }

  /** Resolves the version first, so the job is named `dataset@N` as people know it. */
  async startExport(version: string, format: 'csv' | 'parquet', path: string) {
    const resolved = await this.version(version);
    const deps = this.deps();
    const label = `Exporting ${versionViewName(resolved.dataset, resolved.number)}`;
    return this.jobs.start({ kind: 'export', label }, (ctx) =>
      runExport(ctx, deps, resolved.id, format, path),
    );
  }

  /**
   * A console query: refused before any job exists when it does not only read, then run
   * as a job on a connection of its own (cancellable, time-limited) while the caller
   * awaits the result, so grid pages and the catalogue never queue behind it.
   */
  async sqlRun(sql: string, limit = DEFAULT_SQL_LIMIT): Promise<SqlResult> {
    const workspace = this.workspace();
    const connection = await workspace.connect();
    try {
      await checkConsoleQuery(connection, sql);
    } catch (error) {
      workspace.release(connection);
      throw error;
    }
    let result: SqlResult | undefined;
    const { outcome } = this.jobs.start({ kind: 'sql', label: 'Running a SQL query' }, async (ctx) => {
      try {
        result = await runConsoleQuery(ctx, connection, sql, limit, sqlTimeoutSeconds());
        // The job record keeps a summary; the rows go back to the caller only.
        return { rows: result.rowCount, truncated: result.truncated };
      } finally {
        workspace.release(connection);
      }
    });
    await outcome;
    return result!;
  }

  startSqlSave(sql: string, name: string): { jobId: string; outcome: Promise<DatasetVersion> } {
    const deps = this.deps();
    return this.jobs.start({ kind: 'sql', label: `Saving a query as ${name}` }, async (ctx) => {
      const result = await runSqlSave(ctx, deps, sql, name);
      this.changed(result.dataset);
      return result;
    });
  }

  async completions(): Promise<TableCompletion[]> {
    return this.withConnection(completions);
  }
}

async function transaction(connection: DuckDBConnection, work: () => Promise<void>): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    await work();
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
