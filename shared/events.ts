/** Push events from the engine to every connected UI (progress, state changes). */
import type { JobProgress } from './jobs';
import type { WorkspaceInfo } from './workspace';

export interface Events {
  /** A job started, moved, or finished. */
  'job.progress': JobProgress;
  /** Another workspace was opened: every view reloads what it shows. */
  'workspace.changed': WorkspaceInfo;
  /** A menu item of the desktop shell was chosen; the UI performs it like its own shortcut. */
  'app.command': { command: AppCommand };
}

/** Actions the desktop menu can ask the UI to perform. */
export type AppCommand =
  'workspace.new' | 'workspace.open' | 'dataset.import' | 'jobs.toggle' | 'help.shortcuts';

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = ['job.progress', 'workspace.changed', 'app.command'];
