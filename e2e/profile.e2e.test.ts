/**
 * Profiling in real Chromium: open a dataset's profile, see the overview, a column's
 * histogram with readable ticks, the association heatmap (values, tooltip, whole legend)
 * and an alert, download the HTML report, and find the Target picker set from a profile
 * computed against a target.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

describe('profile in Chromium', () => {
  let app: AppUnderTest;

  before(async () => {
    app = await startAppUnderTest();
    const csv = path.join(app.workspaceDir, 'measurements.csv');
    const lines = ['id,height,weight,group,comment,revenue'];
    for (let i = 1; i <= 400; i += 1) {
      const height = 150 + (i % 50);
      const weight = i % 9 === 0 ? '' : String(height * 0.5 + (i % 7));
      const group = ['a', 'b', 'c'][i % 3];
      lines.push(
        `${i},${height},${weight},${group},${i % 4 === 0 ? '' : 'note'},${(i % 97) * 31_000_000_000}`,
      );
    }
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    await app.engine.datasets.startImport({ paths: [csv], name: 'measurements' }).outcome;
    // A second dataset profiled only against a target, as the CLI or another window would.
    await app.engine.datasets.startImport({ paths: [csv], name: 'targeted' }).outcome;
    const { jobId } = await app.engine.call('profile.start', { version: 'targeted', target: 'group' });
    if (jobId) await app.engine.call('jobs.wait', { jobId });
  });
  after(async () => {
    await app?.close();
  });

  it('profiles the version and shows overview, histogram, heatmap and alerts', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await page.getByLabel('Dataset', { exact: true }).selectOption('measurements');
    await page.getByRole('button', { name: 'Profile', exact: true }).click();
    await page.getByRole('button', { name: 'Profile measurements@1' }).click();

    const overview = page.getByTestId('profile-overview');
    await overview.getByText('400', { exact: true }).waitFor({ timeout: 60_000 });
    const heightCard = page
      .getByTestId('column-card')
      .filter({ has: page.getByRole('heading', { name: 'height' }) });
    await heightCard.getByTestId('histogram').locator('.recharts-bar-rectangle').first().waitFor();

    const missing = page.getByTestId('alert').filter({ hasText: 'weight' }).filter({ hasText: 'MISSING' });
    await missing.waitFor();
    await missing.getByRole('button').click();
    await page.locator('.column-card.highlighted', { hasText: 'weight' }).waitFor();
    await page.screenshot({ path: screenshotPath('profile-overview-1280'), fullPage: false });

    await page.getByRole('tab', { name: 'Associations' }).click();
    await page.getByTestId('heatmap').locator('rect').first().waitFor();
    await page.getByRole('button', { name: /Pearson/ }).click();
    const cell = page.getByTestId('heatmap').locator('[aria-label^="height × weight: 0.9"]');
    assert.equal(await cell.count(), 1, 'height and weight correlate strongly');
    assert.match(
      (await cell.locator('.heat-value').textContent()) ?? '',
      /^0\.9\d$/,
      'the value sits in the cell',
    );
    await cell.hover();
    const tooltip = page.getByRole('tooltip');
    assert.match((await tooltip.textContent()) ?? '', /^height × weight0\.9\d\d$/);
    await assertWhollyVisible(page.getByTestId('heatmap-legend'));
    for (const tick of ['−1', '0', '1']) {
      await page.getByTestId('heatmap-legend').getByText(tick, { exact: true }).waitFor();
    }
    await page.screenshot({ path: screenshotPath('profile-heatmap-light-1280') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await cell.hover();
    await page.screenshot({ path: screenshotPath('profile-heatmap-dark-1280') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('writes large numbers on histogram axes short and inside the chart', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Columns' }).click();
    const revenue = page
      .getByTestId('column-card')
      .filter({ has: page.getByRole('heading', { name: 'revenue' }) })
      .getByTestId('histogram');
    await revenue.scrollIntoViewIfNeeded();
    const ticks = revenue.locator('.recharts-cartesian-axis-tick-value');
    await ticks.first().waitFor();
    const labels = await ticks.allTextContents();
    assert.ok(
      labels.some((t) => /^\d+(\.\d+)?T$/.test(t)),
      `compact ticks: ${labels.join(' ')}`,
    );
    assert.ok(
      labels.every((t) => t.length <= 6),
      `short ticks: ${labels.join(' ')}`,
    );
    const chart = await revenue.locator('svg.recharts-surface').boundingBox();
    for (const box of await Promise.all((await ticks.all()).map((t) => t.boundingBox()))) {
      assert.ok(chart && box && box.x >= chart.x - 0.5 && box.x + box.width <= chart.x + chart.width + 0.5);
    }
  });

  it('downloads the self-contained HTML report', async () => {
    const { page } = app;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'HTML report' }).click();
    const file = await (await download).path();
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /<html/i);
    assert.match(html, /measurements|height/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="http/i, 'no external resources');
  });

  it('sets the Target picker from a profile computed against a target', async () => {
    const { page } = app;
    await page.getByLabel('Dataset', { exact: true }).selectOption('targeted');
    // The picker follows the profile once it is shown; the tabs belong to that profile.
    const picker = page.getByLabel('Target column');
    await page.waitForFunction(
      (el) => (el as HTMLSelectElement | null)?.value === 'group',
      await picker.elementHandle(),
    );
    await page.getByRole('tab', { name: 'Associations' }).click();
    await page.getByRole('region', { name: 'Association with the target' }).waitFor();
    assert.equal(await picker.inputValue(), 'group');
  });
});

/** Fails unless the element lies inside its scrolling ancestor and the viewport. */
async function assertWhollyVisible(element: Locator): Promise<void> {
  const clipped = await element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const frame = up.getBoundingClientRect();
      if (box.left < frame.left || box.right > frame.right + up.scrollLeft) return true;
    }
    return box.right > window.innerWidth;
  });
  assert.equal(clipped, false, 'the legend is cut');
}
