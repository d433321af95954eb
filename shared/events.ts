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
  /** A training run moved: iteration and losses for the live curves. */
  'run.progress': RunProgress;
  /** A run started, finished or was deleted: the runs table reloads. */
  'runs.changed': { runId: string };
  /** A model version was exported, pulled or pushed: the Registry view reloads. */
  'bundles.changed': { model: string; version: string };
  /** A profile job moved: the part computed so far, so the view fills in progressively. */
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

/**
 * Every event once, as keys so that the compiler checks the list against `Events`: a
 * missing name is a missing property, an unknown one an excess property.
 */
const everyEvent: { [E in EventName]: true } = {
  'job.progress': true,
  'workspace.changed': true,
  'app.command': true,
  'datasets.changed': true,
  'profile.progress': true,
  'run.progress': true,
  'runs.changed': true,
  'bundles.changed': true,
};

/** The names a listener may subscribe to (the preload refuses any other). */
export const eventNames = Object.keys(everyEvent) as readonly EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(everyEvent, name);
}
