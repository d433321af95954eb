/** Contract handlers that describe the running app to the UI. */
import { version as duckdbVersion } from '@duckdb/node-api';
import type { AppApi, AppInfo } from '../../../shared/app';
import type { HandlerSlice } from '../core/handlers';
import { appVersion } from './package-root';

export function appHandlers(mode: AppInfo['mode'], nativeDialogs: boolean): HandlerSlice<AppApi> {
  return {
    'app.info': async () => ({
      version: appVersion(),
      mode,
      nativeDialogs,
      platform: `${process.platform}-${process.arch}`,
      node: process.versions.node,
      duckdb: duckdbVersion(),
    }),
  };
}
