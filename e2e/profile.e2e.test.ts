/**
 * Profiling in real Chromium: open a dataset's profile, see the overview, a column's
 * histogram, the association heatmap and an alert, and download the HTML report.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

describe('profile in Chromium', () => {
  let app: AppUnderTest;

  before(async () => {
    app = await startAppUnderTest();
    const csv = path.join(app.workspaceDir, 'measurements.csv');
    const lines = ['id,height,weight,group,comment'];
    for (let i = 1; i <= 400; i += 1) {
      const height = 150 + (i % 50);
      const weight = i % 9 === 0 ? '' : String(height * 0.5 + (i % 7));
      lines.push(`${i},${height},${weight},${['a', 'b', 'c'][i % 3]},${i % 4 === 0 ? '' : 'note'}`);
    }
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    await app.engine.datasets.startImport({ paths: [csv], name: 'measurements' }).outcome;
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
    const cell = page.getByTestId('heatmap').locator('rect title', { hasText: /^height × weight: 0\.9/ });
    assert.equal(await cell.count(), 1, 'height and weight correlate strongly');
    await page.screenshot({ path: screenshotPath('profile-associations-1280') });
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
});
