/** Push events from the engine to every connected UI (progress, state changes). */
import type { JobProgress } from './jobs';
import type { Profile } from './profile';
import type { RunProgress } from './training';
import type { WorkspaceInfo } from './workspace';

export interface Events {
  /** A job started, moved, or finished. */
  'job.progress': JobProgress;
  /** Another workspace was opened: every view reloads what it shows. */
  'workspace.changed': WorkspaceInfo;
  /** A menu item of the desktop shell was chosen; the UI performs it like its own shortcut. */
  'app.command': { command: AppCommand };
  /** A dataset was imported, renamed, tagged, deleted or got a new version: lists reload. */
  'datasets.changed': { dataset: string };
  /** A profile job moved: the part computed so far, so the view fills in progressively. */
  /** A training run moved: iteration and losses for the live curves. */
  'run.progress': RunProgress;
  /** A run started, finished or was deleted: the runs table reloads. */
  'runs.changed': { runId: string };
  'profile.progress': {
    jobId: string;
    version: string;
    fraction: number;
    stage: string;
    partial?: Partial<Profile>;
  };
}

/** Actions the desktop menu can ask the UI to perform. */
export type AppCommand =
  'workspace.new' | 'workspace.open' | 'dataset.import' | 'jobs.toggle' | 'help.shortcuts';

export type EventName = keyof Events;

export const eventNames: readonly EventName[] = [
  'job.progress',
  'workspace.changed',
  'app.command',
  'datasets.changed',
  'profile.progress',
  'run.progress',
  'runs.changed',
];
