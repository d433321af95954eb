/**
 * A workspace: one folder with one DuckDB database file and an `artifacts/` folder
 * (docs/architecture.md). Opening one runs pending migrations; DuckDB's own file lock
 * keeps a second Assay process out, and that refusal is turned into a sentence a person
 * understands. The folder is known by its real path (symbolic links resolved), so one
 * workspace is never opened twice under two names.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ApiError, messageOf } from '../../../shared/errors';
import type { WorkspaceInfo } from '../../../shared/workspace';
import { assertOrdinaryFilesystem, realPathOf } from './caller-paths';
import { latestSchemaVersion, migrations } from './migrations';
import { workspaceFiles } from './workspace-paths';

export interface OpenOptions {
  /** Create the folder and database when missing (default false). */
  create?: boolean;
}

export class Workspace {
  private closed = false;
  /** Connections handed out by `connect()`: DuckDB keeps the file open (and locked) while any lives. */
  private readonly extraConnections = new Set<DuckDBConnection>();
  private readonly closeHooks = new Set<() => void>();

  private constructor(
    readonly root: string,
    readonly databaseFile: string,
    readonly artifactsDir: string,
    readonly instance: DuckDBInstance,
    /** Shared connection for short statements; long jobs open their own with `connect()`. */
    readonly connection: DuckDBConnection,
    readonly schemaVersion: number,
  ) {}

  static async open(dir: string, options: OpenOptions = {}): Promise<Workspace> {
    const files = workspaceFiles(await realPathOf(dir));
    await prepareFolder(files.root, files.databaseFile, options.create ?? false);
    await makeFolder(files.artifactsDir, files.root);
    await makeFolder(files.exportsDir, files.root);

    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(files.databaseFile, instanceSettings());
    } catch (error) {
      throw describeOpenFailure(error, files.root);
    }
    const connection = await instance.connect();
    try {
      const schemaVersion = await migrate(connection, files.root);
      return new Workspace(
        files.root,
        files.databaseFile,
        files.artifactsDir,
        instance,
        connection,
        schemaVersion,
      );
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  /** A connection of its own, for work that runs a transaction or takes a while. */
  async connect(): Promise<DuckDBConnection> {
    this.assertOpen();
    const connection = await this.instance.connect();
    this.extraConnections.add(connection);
    return connection;
  }

  /** Give back a connection from `connect()` before the workspace closes. */
  release(connection: DuckDBConnection): void {
    if (this.extraConnections.delete(connection)) connection.closeSync();
  }

  /** `work` on a connection of its own, given back however it ends. */
  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.connect();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  /** Run `hook` when the workspace closes (capabilities drop their per-workspace caches). */
  onClose(hook: () => void): () => void {
    this.closeHooks.add(hook);
    return () => this.closeHooks.delete(hook);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async info(): Promise<WorkspaceInfo> {
    this.assertOpen();
    const stat = await fs.stat(this.databaseFile).catch(() => null);
    return {
      path: this.root,
      name: path.basename(this.root),
      databaseFile: this.databaseFile,
      artifactsDir: this.artifactsDir,
      schemaVersion: this.schemaVersion,
      sizeBytes: stat?.size ?? 0,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const hook of this.closeHooks) {
      try {
        hook();
      } catch (error) {
        console.error('A workspace close hook failed:', error);
      }
    }
    for (const connection of this.extraConnections) connection.closeSync();
    this.extraConnections.clear();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private assertOpen(): void {
    if (this.closed) throw new ApiError('CONFLICT', 'This workspace was closed; open it again to continue.');
  }
}

/**
 * DuckDB's memory budget. It spills to disk beyond it, so a bounded budget keeps the
 * app's process small (a 3 GB CSV imports in about 1.4 GB) at a small cost in speed;
 * ASSAY_MEMORY_LIMIT (e.g. "8GB") gives big machines more.
 */
function duckdbMemoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  return env.ASSAY_MEMORY_LIMIT?.trim() || '1GB';
}

/**
 * The instance's settings. Extensions beyond the bundled ones (parquet, json, icu, all
 * statically linked) would be downloaded and loaded on first use — `FROM 'http://…'`
 * in the console would fetch httpfs — so nothing is installed or loaded implicitly.
 * lock_configuration is not set: it is instance-wide and one-way, and it also refuses
 * the per-connection progress settings that imports and exports need; the console
 * refuses every statement that could change a setting before DuckDB binds it.
 */
function instanceSettings(): Record<string, string> {
  return {
    memory_limit: duckdbMemoryLimit(),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
  };
}

/** mkdir -p, with the reason in words when the disk says no. */
async function makeFolder(dir: string, root: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'the disk is read-only',
      ENOSPC: 'the disk is full',
      ENOTDIR: 'a part of the path is a file',
    };
    throw new ApiError(
      'INVALID_INPUT',
      `The workspace folder ${root} cannot be created (${why[code] ?? code}); choose another folder.`,
    );
  }
}

async function prepareFolder(root: string, databaseFile: string, create: boolean): Promise<void> {
  const stat = await fs.stat(root).catch(() => null);
  if (stat && !stat.isDirectory()) {
    throw new ApiError(
      'INVALID_INPUT',
      `${root} is a file, not a folder; choose a folder for the workspace.`,
    );
  }
  if (!stat) {
    if (!create) {
      throw new ApiError(
        'NOT_FOUND',
        `There is no workspace at ${root}; create it or choose another folder.`,
      );
    }
    await assertOrdinaryFilesystem(root, 'a workspace');
    await makeFolder(root, root);
    return;
  }
  const hasDatabase = await fs.stat(databaseFile).then(
    () => true,
    () => false,
  );
  if (!hasDatabase && create) await assertOrdinaryFilesystem(root, 'a workspace');
  if (!hasDatabase && !create) {
    throw new ApiError(
      'NOT_FOUND',
      `${root} is not an Assay workspace (it has no ${path.basename(databaseFile)}); create one there or choose another folder.`,
    );
  }
}

async function migrate(connection: DuckDBConnection, root: string): Promise<number> {
  await connection.run(`CREATE SCHEMA IF NOT EXISTS assay_meta;
    CREATE TABLE IF NOT EXISTS assay_meta.migrations (
      version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const reader = await connection.runAndReadAll(
    'SELECT coalesce(max(version), 0) AS v FROM assay_meta.migrations',
  );
  const current = Number(reader.getRowObjectsJS()[0]?.v ?? 0);
  if (current > latestSchemaVersion) {
    throw new ApiError(
      'CONFLICT',
      `The workspace at ${root} was written by a newer Assay (schema ${current}, this one knows ${latestSchemaVersion}); update Assay to open it.`,
    );
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(migration.sql);
      await connection.run('INSERT INTO assay_meta.migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw new ApiError(
        'INTERNAL',
        `Upgrading the workspace at ${root} to schema ${migration.version} (${migration.name}) failed: ${messageOf(error)}`,
      );
    }
  }
  return latestSchemaVersion;
}

function describeOpenFailure(error: unknown, root: string): ApiError {
  const message = messageOf(error);
  if (/lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new ApiError(
      'WORKSPACE_LOCKED',
      `The workspace at ${root} is already open in another Assay process${pid ? ` (PID ${pid})` : ''}; close it there or open another workspace.`,
    );
  }
  if (/not a valid DuckDB database|Unable to open|invalid|corrupt/i.test(message)) {
    return new ApiError(
      'INVALID_INPUT',
      `The database file of the workspace at ${root} cannot be read (${message.split('\n')[0]}); restore it from a copy or choose another folder.`,
    );
  }
  return new ApiError('INTERNAL', `Opening the workspace at ${root} failed: ${message.split('\n')[0]}`);
}
