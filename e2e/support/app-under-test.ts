/**
 * Starts what an end-to-end test needs, for real: an engine on a fresh temporary
 * workspace, the browser-mode server over the built UI, and Debian's Chromium driven by
 * Playwright. `close()` stops all of it and removes the workspace.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Engine, rendererDir } from '../../electron/engine/index';
import { startServer, type RunningServer } from '../../electron/server/server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface AppUnderTest {
  engine: Engine;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  workspaceDir: string;
  close(): Promise<void>;
}

export async function startAppUnderTest(
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<AppUnderTest> {
  if (!fs.existsSync(path.join(rendererDir(), 'index.html'))) {
    throw new Error('The UI is not built; run `npm run build` before the end-to-end tests.');
  }
  const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-e2e-'));
  const engine = await Engine.create({ workspaceDir, mode: 'browser' });
  const server = await startServer({ engine, rendererDir: rendererDir() });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  return {
    engine,
    server,
    browser,
    context,
    page,
    workspaceDir,
    close: async () => {
      await browser.close();
      await server.close();
      await engine.close();
      fs.rmSync(workspaceDir, { recursive: true, force: true });
    },
  };
}

/** Where tests leave screenshots for people to look at. */
export function screenshotPath(name: string): string {
  const dir = path.resolve('test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
