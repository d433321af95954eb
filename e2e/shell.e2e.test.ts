/**
 * A person's first look at the app in real Chromium through browser mode: the shell
 * appears with the token, the capabilities are reachable, nothing pretends to have data,
 * the jobs panel stays out of the way and shows failures in red, the icon loads, and
 * neither a link nor window.open can replace the app.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../shared/errors';
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
    await page.getByRole('button', { name: 'Monitor' }).click();
    await page.getByTestId('view-monitor').getByText('not part of this build').waitFor();
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

  it('keeps quick jobs out of the way, ends bars full, shows failures in red, and caps its height', async () => {
    const { page, engine } = app;
    const toggle = page.getByRole('region', { name: 'Jobs' }).getByRole('button', { name: /Jobs/ });
    const expanded = async () => (await toggle.getAttribute('aria-expanded')) === 'true';
    if (await expanded()) await toggle.click();

    await engine.jobs.start({ kind: 'test', label: 'A quick sum' }, async (ctx) => {
      ctx.progress({ stage: 'Adding', done: 3, total: 10 });
    }).outcome;
    await page.waitForTimeout(1500);
    assert.equal(await expanded(), false, 'a job under a second does not open the panel');

    const failing = engine.jobs.start({ kind: 'test', label: 'Reading broken.csv' }, async (ctx) => {
      ctx.progress({ stage: 'Reading', done: 40, total: 100 });
      throw new ApiError('INVALID_INPUT', 'Row 3 has 4 fields, not 5.');
    });
    await assert.rejects(failing.outcome, /Row 3/);
    const failed = page.getByTestId('job-row').filter({ hasText: 'Reading broken.csv' });
    await failed.getByText('Row 3 has 4 fields, not 5.').waitFor();
    assert.equal(await expanded(), true, 'a failure opens the panel');
    const fillColour = (row: typeof failed) =>
      row.locator('.progress-fill').evaluate((el) => getComputedStyle(el).backgroundColor);
    const danger = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--danger)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    assert.equal(await fillColour(failed), danger, 'a failed bar is red');
    const quick = page.getByTestId('job-row').filter({ hasText: 'A quick sum' });
    await quick.locator('[role=progressbar][aria-valuenow="100"]').waitFor();
    const fullWidth = await quick.locator('.progress-fill').evaluate((el) => el.style.width);
    assert.equal(fullWidth, '100%', 'a succeeded bar is full');

    for (let i = 1; i <= 12; i += 1) {
      await engine.jobs.start({ kind: 'test', label: `Saving part ${i}` }, async () => undefined).outcome;
    }
    await page.getByTestId('job-row').filter({ hasText: 'Saving part 12' }).waitFor();
    const list = await page.locator('.jobs-list').boundingBox();
    assert.ok(list && list.height <= 800 * 0.3 + 1, `the jobs list is ${list?.height}px high`);
    await failed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('jobs-failed-light-1280') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: screenshotPath('jobs-failed-dark-1280') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('declares its icon, and the icon loads as SVG', async () => {
    const { page } = app;
    const href = await page.locator('link[rel="icon"]').evaluate((el) => (el as HTMLLinkElement).href);
    assert.match(href, /favicon\.svg$/);
    const response = await page.request.get(href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /^image\/svg\+xml/);
    assert.match(await response.text(), /<svg/);
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
