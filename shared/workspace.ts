/** Workspace contract: the folder that holds one project (docs/architecture.md). */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';

export interface WorkspaceInfo {
  /** Absolute path of the workspace folder. */
  path: string;
  /** Display name: the folder's base name. */
  name: string;
  /** Absolute path of the DuckDB database file inside it. */
  databaseFile: string;
  /** Absolute path of the artifacts folder (model files, bundles). */
  artifactsDir: string;
  /** Schema version after migrations. */
  schemaVersion: number;
  /** Bytes on disk of the database file. */
  sizeBytes: number;
}

export interface OpenWorkspaceRequest {
  path: string;
  /** Create the folder and database when it does not exist yet. */
  create?: boolean;
}

export interface WorkspaceApi {
  'workspace.info': Method<Record<string, never>, WorkspaceInfo>;
  /** Open (or create) another workspace; the current one is closed first. */
  'workspace.open': Method<OpenWorkspaceRequest, WorkspaceInfo>;
  /** Workspaces opened before, most recent first, that still exist. */
  'workspace.recent': Method<Record<string, never>, { paths: string[] }>;
}

export const workspaceRequests = defineRequests<WorkspaceApi>()({
  'workspace.info': z.strictObject({}),
  'workspace.open': z.strictObject({
    path: z.string().trim().min(1, 'Give the folder of the workspace.').max(4096),
    create: z.boolean().optional(),
  }),
  'workspace.recent': z.strictObject({}),
});
