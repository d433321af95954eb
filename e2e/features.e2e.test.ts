/**
 * Features in real Chromium on a real time series, vega-datasets' seattle-weather.csv:
 * build a lag and a rolling mean in the builder (each new column seen in the grid and its
 * distribution before it is added), apply them, rank every column against the day's
 * maximum temperature and take one out of Train's selection with a click, save a
 * feature set (entity, time, tags), find it by search, train on it, and see the run's page
 * name the set's version and the set list the run; then join a small label table to the
 * set as of each label's time (a ttl override leaving half the labels unmatched). Screenshots
 * at 1280×800 and 1920×1080, light and dark.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

const WEATHER = path.resolve('node_modules/vega-datasets/data/seattle-weather.csv');

/** Choose a feature operation, fill its form, wait for its preview, check it, then add it. */
async function addFeature(
  page: Page,
  op: string,
  fill: (form: Locator) => Promise<void>,
  check: (form: Locator) => Promise<void> = async () => undefined,
): Promise<void> {
  const before = await page.getByTestId('feature-step').count();
  await page.locator(`button.clean-op[data-op="${op}"]`).click();
  const form = page.locator('form.clean-form');
  await fill(form);
  await form
    .getByTestId('draft-effect')
    .filter({ hasText: /^Preview: / })
    .waitFor({ timeout: 30_000 });
  await check(form);
  await form.getByRole('button', { name: 'Add feature' }).click();
  await page.getByTestId('feature-step').nth(before).waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`${name}-light-1280`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.screenshot({ path: screenshotPath(`${name}-dark-1280`) });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: screenshotPath(`${name}-dark-1920`) });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.screenshot({ path: screenshotPath(`${name}-light-1920`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('features in Chromium', () => {
  let app: AppUnderTest;

  before(async () => {
    app = await startAppUnderTest();
    await app.engine.datasets.startImport({ paths: [WEATHER], name: 'seattle' }).outcome;
  });
  after(async () => {
    await app?.close();
  });

  it('builds a lag and a rolling mean, seeing each new column and its distribution first', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Features', exact: true }).click();
    await page.getByText('Choose a dataset and version in the bar above').waitFor();
    await page.screenshot({ path: screenshotPath('features-empty-light-1280') });
    await page.getByLabel('Dataset', { exact: true }).selectOption('seattle');
    await page.locator('button.clean-op[data-op="lag"]').waitFor();

    // One weather station: the entity the feature set is keyed by.
    await addFeature(page, 'formula', async (form) => {
      await form.getByLabel('Name', { exact: true }).fill('station');
      await form.getByLabel('Expression', { exact: true }).fill("'seattle'");
    });
    const grid = page.getByTestId('clean-grid');
    await addFeature(
      page,
      'lag',
      async (form) => {
        await form.getByLabel('Column', { exact: true }).selectOption('temp_max');
        assert.equal(
          await form.getByLabel('Order by (optional)').inputValue(),
          'date',
          'ordered by the date',
        );
        await form.getByLabel('N (optional)').fill('1');
        await form.getByLabel('Name', { exact: true }).fill('temp_max_lag1');
      },
      async () => {
        // Before it is added: the new column in the grid, and its distribution.
        await grid.locator('th.col-added[data-column="temp_max_lag1"]').waitFor();
        const dist = page.locator('[data-testid="feature-distribution"][data-column="temp_max_lag1"]');
        await dist.getByTestId('histogram').waitFor();
        assert.match(await dist.getByTestId('feature-missing').innerText(), /^1 of the first 1,000 rows/);
        await shoot(page, 'features-builder-draft');
      },
    );
    await addFeature(page, 'rolling', async (form) => {
      await form.getByLabel('Column', { exact: true }).selectOption('precipitation');
      await form.getByLabel('Window', { exact: true }).fill('7');
      await form.getByLabel('Fn', { exact: true }).selectOption('mean');
      await form.getByLabel('Name', { exact: true }).fill('precipitation_7d');
    });
    assert.equal(await page.getByTestId('feature-step').count(), 3);
    await page.locator('[data-testid="feature-distribution"][data-column="precipitation_7d"]').waitFor();

    // Undo brings back a removed feature.
    await page.getByRole('button', { name: 'Remove feature 3' }).click();
    assert.equal(await page.getByTestId('feature-step').count(), 2);
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.equal(await page.getByTestId('feature-step').count(), 3);
    await shoot(page, 'features-builder');

    await page.getByRole('button', { name: 'Apply 3 features as a new version' }).click();
    const applied = page.locator('.feature-applied');
    await applied.waitFor({ timeout: 60_000 });
    assert.match(await applied.innerText(), /Made seattle@2: 1,461 rows, 9 columns/);
    await page.getByLabel('Version', { exact: true }).filter({ hasText: 'seattle@2' }).waitFor();
  });

  it('ranks the columns against a target and takes one out of the training selection', async () => {
    const { page } = app;
    await page.locator('.feature-applied').getByRole('button', { name: 'Rank features' }).click();
    await page.getByLabel('Rank against').selectOption('temp_max');
    await page.getByRole('button', { name: 'Rank features' }).click();
    const table = page.getByTestId('ranking-table');
    await table.waitFor({ timeout: 120_000 });
    const columns = await table
      .getByTestId('ranking-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-column')));
    assert.ok(columns.includes('temp_max_lag1') && columns.includes('precipitation_7d'), columns.join(', '));
    assert.ok(!columns.includes('temp_max'), 'the target is not ranked against itself');
    // Yesterday's maximum says more about today's than the rain does.
    assert.ok(columns.indexOf('temp_max_lag1') < columns.indexOf('precipitation_7d'), columns.join(', '));

    await table.getByRole('button', { name: /^Importance/ }).click();
    assert.equal(await table.locator('th[aria-sort="descending"]').innerText(), 'Importance ▾');
    const selection = page.getByTestId('training-selection');
    const total = columns.length;
    assert.match(await selection.innerText(), new RegExp(`^${total} of ${total} ranked`));
    await table.locator('tr[data-column="temp_min"]').click();
    assert.equal(await table.getByRole('checkbox', { name: 'Train on temp_min' }).isChecked(), false);
    assert.match(await selection.innerText(), new RegExp(`^${total - 1} of ${total} ranked`));
    await shoot(page, 'features-ranking');

    // Train sees the same choice: the target taken over, temp_min unticked.
    await page.getByRole('button', { name: `Train on the ${total - 1} chosen →` }).click();
    await page.getByTestId('inferred-task').getByText('inferred: regression').waitFor();
    const feature = (name: string) =>
      page.locator('label.feature', { hasText: new RegExp(`^${name}$`) }).getByRole('checkbox');
    assert.equal(await feature('temp_min').isChecked(), false);
    assert.equal(await feature('temp_max_lag1').isChecked(), true);
  });

  it('saves a feature set, finds it by search, trains on it and sees the set version on the run', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Features', exact: true }).click();
    await page.getByRole('tab', { name: 'Feature sets' }).click();
    const form = page.getByRole('form', { name: 'Save a feature set' });
    await form.getByLabel('Feature set name').fill('seattle_daily');
    await form
      .getByRole('group', { name: 'Entity' })
      .getByRole('checkbox', { name: 'station', exact: true })
      .check();
    assert.equal(await form.getByLabel('Time column').inputValue(), 'date');
    // The choice made in Rank carries over: temp_min left out, the target kept.
    const featureBoxes = form.getByRole('group', { name: 'Features' });
    assert.equal(
      await featureBoxes.getByRole('checkbox', { name: 'temp_min', exact: true }).isChecked(),
      false,
    );
    assert.equal(
      await featureBoxes.getByRole('checkbox', { name: 'temp_max', exact: true }).isChecked(),
      true,
    );
    await form.getByLabel('Tags').fill('weather, daily');
    await form.getByLabel('Description').fill('Seattle weather with yesterday’s maximum and a week of rain.');
    await shoot(page, 'features-save-form');
    await form.getByRole('button', { name: 'Save feature set' }).click();
    const detail = page.getByTestId('feature-set-detail');
    await detail.getByRole('heading', { name: 'seattle_daily@1' }).waitFor({ timeout: 60_000 });
    assert.match(
      await detail.getByTestId('feature-set-lineage').innerText(),
      // From the import, through the features applied, to the set's own rows.
      /seattle@1 Imported[\s\S]*seattle@2[\s\S]*Lag \(earlier value\)[\s\S]*Rolling window[\s\S]*fs_seattle_daily@1/,
    );
    assert.match(
      await detail.getByTestId('feature-set-usage').innerText(),
      /No run has trained on this set yet/,
    );

    const search = page.getByLabel('Search feature sets');
    await search.fill('humidity');
    assert.equal(await page.getByTestId('feature-set-item').count(), 0);
    await search.fill('daily precipitation_7d');
    assert.equal(await page.getByTestId('feature-set-item').count(), 1);
    await search.fill('');
    await shoot(page, 'features-sets');

    await detail.getByRole('button', { name: 'Train on seattle_daily@1' }).click();
    await page.getByLabel('Version', { exact: true }).filter({ hasText: 'fs_seattle_daily@1' }).waitFor();
    await page.getByLabel('Target column').selectOption('temp_max');
    await page.getByTestId('inferred-task').getByText('inferred: regression').waitFor();
    // The set's features are chosen, not its entity or its time.
    const feature = (name: string) =>
      page.locator('label.feature', { hasText: new RegExp(`^${name}$`) }).getByRole('checkbox');
    assert.equal(await feature('station').isChecked(), false);
    assert.equal(await feature('date').isChecked(), false);
    assert.equal(await feature('precipitation_7d').isChecked(), true);
    await page.getByRole('button', { name: 'Train 1 model' }).click();
    const card = page.getByTestId('run-card').first();
    await card.getByTestId('run-metrics').waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: /Compare these runs in Experiments/ }).click();
    await page.getByTestId('run-row').first().locator('td').nth(2).click();
    const facts = page.getByTestId('run-page').getByTestId('run-facts');
    await facts.waitFor();
    assert.match(await facts.innerText(), /Feature sets\s+seattle_daily@1/);
    await page.screenshot({ path: screenshotPath('features-run-page-light-1280') });

    // The catalogue lists the run among the set's users.
    await page.getByRole('button', { name: 'Features', exact: true }).click();
    await page.getByRole('tab', { name: 'Feature sets' }).click();
    await page.getByTestId('feature-set-item').filter({ hasText: 'seattle_daily@1' }).click();
    await page.getByTestId('usage-run').first().waitFor();
    assert.match(
      await page.getByTestId('usage-run').first().innerText(),
      /seattle_daily@1\s+fs_seattle_daily@1/,
    );
    await shoot(page, 'features-sets-used');
  });

  it('joins a label table to the set as of each label’s time and shows the share matched', async () => {
    const { page } = app;
    // Labels before the weather starts, inside it, and ten days after it ends.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-labels-'));
    const csv = path.join(dir, 'rain_labels.csv');
    fs.writeFileSync(
      csv,
      'station,date,rained\nseattle,2011-06-01,0\nseattle,2012-06-01,1\nseattle,2014-06-01,0\nseattle,2016-01-10,1\n',
    );
    await app.engine.datasets.startImport({ paths: [csv], name: 'rain_labels' }).outcome;
    fs.rmSync(dir, { recursive: true, force: true });

    await page.getByTestId('feature-set-detail').getByRole('button', { name: 'Join labels…' }).click();
    const form = page.getByRole('form', { name: 'Point-in-time join' });
    await form.getByLabel('Label dataset').selectOption('rain_labels');
    await form.getByLabel('Label version').filter({ hasText: '4 rows' }).waitFor();
    assert.equal(await form.getByTestId('join-set').count(), 1);
    // The set's key and time names are the labels' too, so they are chosen already.
    assert.equal(await form.getByLabel('Label column for station').inputValue(), 'station');
    assert.equal(await form.getByLabel('Label time column').inputValue(), 'date');
    assert.equal(await form.getByLabel('Training table name').inputValue(), 'rain_labels_training');
    await page.screenshot({ path: screenshotPath('features-join-form-light-1280') });

    // The engine's sentence for a ttl it cannot read appears beside the form.
    const ttl = form.getByLabel('Time-to-live for seattle_daily');
    await ttl.fill('2 days');
    await form.getByRole('button', { name: 'Join', exact: true }).click();
    const outcome = page.getByRole('region', { name: 'Join result' });
    const error = outcome.getByRole('alert');
    await error.waitFor({ timeout: 60_000 });
    assert.match(await error.innerText(), /ttl/i);

    await ttl.fill('2d');
    await form.getByRole('button', { name: 'Join', exact: true }).click();
    const result = outcome.getByTestId('join-result');
    await result.waitFor({ timeout: 60_000 });
    assert.match(await result.getByTestId('join-facts').innerText(), /^4 rows, \d+ columns/);
    // 2011 is before the first day; 2016-01-10 is ten days after the last, beyond 2d.
    assert.match(await result.getByTestId('join-matched').innerText(), /^50% matched \(2 of 4\)/);
    await shoot(page, 'features-join');

    await result.getByRole('button', { name: 'Train on rain_labels_training@1 →' }).click();
    await page.getByLabel('Version', { exact: true }).filter({ hasText: 'rain_labels_training@1' }).waitFor();
    // The label column is the target, the set's features are chosen.
    await page
      .getByTestId('inferred-task')
      .getByText(/inferred: /)
      .waitFor();
    assert.equal(await page.getByLabel('Target column').inputValue(), 'rained');
  });
});
