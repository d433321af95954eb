/**
 * The engine's one public entry. Adapters (the CLI, the browser-mode server, the desktop
 * shell, tests) import from here and nowhere else under `engine/`: they open an `Engine`,
 * talk to it through its `client` (or `dispatch` for untrusted payloads) and never reach
 * a service directly, so every caller meets the same validation. See
 * docs/architecture.md for the flow of one call.
 */
export { Engine, type EngineOptions } from './engine';
export { inProcessClient } from './core/in-process-client';
export { dispatch } from './core/dispatch';
export type { HandlerSlice, Handlers } from './core/handlers';
export { appVersion, rendererDir } from './app/package-root';
export { defaultWorkspaceDir, EXPORTS_DIR } from './workspace/workspace-paths';
export {
  startModelServer,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CONCURRENT,
  type ModelServer,
  type ModelServerOptions,
} from './bundles/serve/model-server';
