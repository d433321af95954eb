/**
 * A person's first look at the app in real Chromium through browser mode: the shell
 * appears with the token, the capabilities are reachable, nothing pretends to have data,
 * and neither a link nor window.open can replace the app.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

describe('the app shell in Chromium', () => {
  let app: AppUnderTest;

  before(async () => {
    app = await startAppUnderTest();
  });
  after(async () => {
    await app?.close();
  });

  it('opens with the token, shows the shell, and drops the token from the address bar', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await page.getByTestId('app-shell').waitFor();
    assert.equal(
      await page.getByTestId('workspace-name').textContent(),
      app.engine.workspace.root.split('/').pop(),
    );
    assert.ok(!page.url().includes('token='), 'the token should leave the address bar');
    for (const label of [
      'Datasets',
      'Profile',
      'Clean',
      'Features',
      'Train',
      'Experiments',
      'Registry',
      'Monitor',
    ]) {
      assert.ok(await page.getByRole('button', { name: label }).isVisible(), `${label} in the sidebar`);
    }
    await page.screenshot({ path: screenshotPath('shell-light-1280') });
  });

  it('moves between capabilities with clicks and shortcuts, showing honest empty states', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Clean' }).click();
    await page.getByTestId('view-clean').getByText('not part of this build').waitFor();
    await page.getByRole('button', { name: 'Train' }).click();
    await page.getByTestId('view-train').getByText('Choose a dataset and version').waitFor();
    await page.keyboard.press('Control+8');
    await page.getByTestId('view-monitor').waitFor();
    await page.keyboard.press('Control+1');
    await page.getByTestId('view-datasets').waitFor();
  });

  it('reloads with the cookie alone (the token moved out of the URL)', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('app-shell').waitFor();
  });

  it('shows the jobs panel with a real job, its progress and a working cancel', async () => {
    const { page, engine } = app;
    let release: () => void = () => undefined;
    const { outcome } = engine.jobs.start(
      { kind: 'test', label: 'Counting to a thousand', unit: 'rows' },
      async (ctx) => {
        ctx.progress({ stage: 'Counting', done: 250, total: 1000 });
        await new Promise<void>((resolve) => {
          release = resolve;
          ctx.signal.addEventListener('abort', () => resolve());
        });
        ctx.throwIfCancelled();
      },
    );
    const row = page.getByTestId('job-row').filter({ hasText: 'Counting to a thousand' });
    await row.waitFor();
    await row.locator('[role=progressbar][aria-valuenow="25"]').waitFor();
    await row.getByText('250 / 1,000 rows').waitFor();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await assert.rejects(outcome, /cancelled/);
    await row.getByText('Cancelled').waitFor();
    release();
  });

  it('shows the engine error in words when opening a workspace that does not exist', async () => {
    const { page } = app;
    await page.keyboard.press('Control+o');
    await page.getByLabel('Workspace folder').fill('/nonexistent/assay/workspace');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const error = page.getByRole('alert').filter({ hasText: 'There is no workspace at' });
    await error.waitFor();
    await page.keyboard.press('Escape');
  });

  it('follows the dark theme of the system', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: screenshotPath('shell-dark-1280') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps the app when a link to another site is clicked or a window is opened', async () => {
    const { page, context } = app;
    const appUrl = page.url();
    await page.keyboard.press('?');
    const popupFromLink = context.waitForEvent('page');
    await page.getByTestId('external-link').click();
    const popup = await popupFromLink;
    await popup.close();
    assert.equal(page.url(), appUrl, 'a link must not navigate the app away');
    await page.keyboard.press('Escape');

    await page.evaluate(() => {
      window.open('https://example.invalid/', '_blank');
    });
    assert.equal(page.url(), appUrl);
    await page.getByTestId('app-shell').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Datasets' }).isVisible());
  });
});
