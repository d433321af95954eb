/** Facts about the running app the UI adapts to (desktop vs browser mode). */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';

export interface AppInfo {
  version: string;
  /** 'desktop' inside Electron, 'browser' in `assay serve`. */
  mode: 'desktop' | 'browser';
  /** True where native open/save dialogs exist (the desktop shell). */
  nativeDialogs: boolean;
  platform: string;
  node: string;
  duckdb: string;
}

export interface AppApi {
  'app.info': Method<Record<string, never>, AppInfo>;
}

export const appRequests = defineRequests<AppApi>()({
  'app.info': z.strictObject({}),
});
