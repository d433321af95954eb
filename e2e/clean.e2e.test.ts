/**
 * Cleaning in real Chromium: import vega-datasets' movies.json (nulls, titles that are
 * numbers, dates as text), open Clean, add eight operations through their forms (a change
 * of case on the mixed-type Title refused with a sentence first), see the diff (a changed
 * cell highlighted, added and removed columns, counts per step), undo one with Ctrl+Z,
 * apply, see the new version's profile and its comparison with the source. The date's
 * format comes from the "by example" helper. Screenshots in light and dark.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

const MOVIES = path.resolve('node_modules/vega-datasets/data/movies.json');

/** Choose an operation, fill its form with `fill`, and add it; waits for the step to show. */
async function addStep(page: Page, op: string, fill: (form: Locator) => Promise<void>): Promise<void> {
  const before = await page.getByTestId('clean-step').count();
  await page.locator(`button.clean-op[data-op="${op}"]`).click();
  const form = page.locator('form.clean-form');
  await fill(form);
  // The draft is previewed before it is added.
  await form
    .getByTestId('draft-effect')
    .filter({ hasText: /^Preview: / })
    .waitFor({ timeout: 30_000 });
  await form.getByRole('button', { name: 'Add step' }).click();
  await page.getByTestId('clean-step').nth(before).waitFor();
}

/** The id of a version by its label, as the comparison's picker lists it. */
async function versionIdOf(page: Page, label: string): Promise<string> {
  const option = page.getByLabel('Version to compare with').locator('option', { hasText: label });
  return (await option.getAttribute('value')) ?? '';
}

describe('clean in Chromium', () => {
  let app: AppUnderTest;

  before(async () => {
    app = await startAppUnderTest();
    await app.engine.datasets.startImport({ paths: [MOVIES], name: 'movies' }).outcome;
  });
  after(async () => {
    await app?.close();
  });

  it('cleans movies.json with eight operations, undoes one, applies and profiles the result', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Clean', exact: true }).click();
    await page.getByText('Choose a dataset and version in the bar above').waitFor();
    await page.getByLabel('Dataset', { exact: true }).selectOption('movies');
    await page.locator('button.clean-op[data-op="drop_columns"]').waitFor();

    await addStep(page, 'drop_columns', async (form) => {
      await form.getByRole('checkbox', { name: 'US DVD Sales', exact: true }).check();
    });
    await addStep(page, 'fill_missing', async (form) => {
      await form.getByLabel('Column', { exact: true }).selectOption('MPAA Rating');
      await form.getByLabel('Strategy', { exact: true }).selectOption('constant');
      await form.getByLabel('Value (optional)', { exact: true }).fill('Not Rated');
    });
    await addStep(page, 'parse_date', async (form) => {
      await form.getByLabel('Column', { exact: true }).selectOption('Release Date');
      // By example: a date as movies.json writes it; the helper proposes the format.
      await form.getByLabel('Example date', { exact: true }).fill('Jun 12 1998');
      const use = form.getByTestId('date-guesses').getByRole('button', { name: 'Use %b %d %Y' });
      await use.waitFor();
      await page.screenshot({ path: screenshotPath('clean-date-helper-light-1280') });
      await use.click();
      assert.equal(await form.getByLabel('Format', { exact: true }).inputValue(), '%b %d %Y');
    });
    await addStep(page, 'filter', async (form) => {
      await form.getByLabel('Expression', { exact: true }).fill('"Production Budget" >= 1000000');
    });
    // Title holds numbers among the names (JSON): changing its case is refused with a sentence.
    await page.locator('button.clean-op[data-op="change_case"]').click();
    const form = page.locator('form.clean-form');
    await form.getByLabel('Column', { exact: true }).selectOption('Title');
    await form
      .locator('.form-error')
      .filter({ hasText: /cast it to VARCHAR first/ })
      .waitFor({ timeout: 30_000 });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await addStep(page, 'cast', async (f) => {
      await f.getByLabel('Column', { exact: true }).selectOption('Title');
      await f.getByLabel('Type', { exact: true }).fill('VARCHAR');
      await f.getByLabel('On error', { exact: true }).selectOption('null');
    });
    await addStep(page, 'change_case', async (f) => {
      await f.getByLabel('Column', { exact: true }).selectOption('Title');
      await f.getByLabel('To', { exact: true }).selectOption('upper');
    });
    await addStep(page, 'text_length', async (form) => {
      await form.getByLabel('Column', { exact: true }).selectOption('Title');
      await form.getByLabel('Name', { exact: true }).fill('title_length');
    });
    await addStep(page, 'strip', async (form) => {
      await form.getByRole('checkbox', { name: 'Director', exact: true }).check();
    });
    assert.equal(await page.getByTestId('clean-step').count(), 8);

    // The diff: the upper-cased title is a changed cell, the new column is added, the dropped one removed.
    const grid = page.getByTestId('clean-grid');
    await grid.locator('td.cell-changed').first().waitFor();
    assert.match((await grid.locator('td.cell-changed').first().getAttribute('title')) ?? '', /^was /);
    await grid.locator('th.col-added[data-column="title_length"]').waitFor();
    await grid.locator('th.col-removed[data-column="US DVD Sales"]').waitFor();
    const counts = (await page.getByTestId('diff-counts').textContent()) ?? '';
    assert.match(counts, /\d[\d,]* cells changed/);
    const filterStep = page.getByTestId('clean-step').filter({ hasText: 'Filter rows' });
    assert.match((await filterStep.locator('.clean-step-counts').textContent()) ?? '', /rows 3,201 → /);
    const upper = page.getByTestId('clean-step').filter({ hasText: 'Change case' });
    assert.match((await upper.locator('.clean-step-counts').textContent()) ?? '', /cells? changed/);
    assert.match((await page.getByTestId('clean-code').textContent()) ?? '', /SELECT/i);
    await page.screenshot({ path: screenshotPath('clean-light-1280') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: screenshotPath('clean-dark-1280') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Undo the last step (strip) with Ctrl+Z, from the grid.
    await grid.focus();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="clean-step"]').length === 7);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="clean-step"]').length === 8);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="clean-step"]').length === 7);

    await page.getByRole('button', { name: 'Apply 7 steps' }).click();
    const applied = page.locator('.clean-applied');
    await applied.waitFor({ timeout: 60_000 });
    assert.match((await applied.textContent()) ?? '', /Made movies@2: [\d,]+ rows, 16 columns/);
    await page.getByLabel('Version', { exact: true }).filter({ hasText: 'movies@2' }).waitFor();

    // Before against after: both versions are profiled and compared in one click.
    await applied.getByRole('button', { name: 'Compare profiles' }).click();
    const compare = page.getByTestId('profile-compare');
    await compare.waitFor({ timeout: 120_000 });
    const heads = await compare.locator('thead th').allTextContents();
    assert.deepEqual(heads.slice(1, 3), ['movies@1', 'movies@2']);
    assert.match(
      (await compare.locator('.compare-notes').textContent()) ?? '',
      /Only in movies@2: .*title_length/,
    );
    assert.equal(
      await page.getByLabel('Version to compare with').inputValue(),
      await versionIdOf(page, 'movies@1'),
    );
    await page.getByRole('tab', { name: 'Columns' }).click();
    const overview = page.getByTestId('profile-overview');
    await overview.waitFor({ timeout: 60_000 });
    await page
      .getByTestId('column-card')
      .filter({ has: page.getByRole('heading', { name: 'title_length' }) })
      .waitFor({ timeout: 60_000 });
    assert.equal(
      await page
        .getByTestId('column-card')
        .filter({ has: page.getByRole('heading', { name: 'US DVD Sales' }) })
        .count(),
      0,
    );
  });
});
