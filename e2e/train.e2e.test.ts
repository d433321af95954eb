/**
 * Training in real Chromium: pick a target, train gradient boosting through the form,
 * watch the loss curve move while it trains, see the metrics, then find the run in
 * Experiments.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

/** A binary task with signal in x1, x2 and a category; deterministic. */
function writeChurnCsv(file: string, rows: number): void {
  const lines = ['customer,x1,x2,x3,plan,churned'];
  let state = 12345;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < rows; i += 1) {
    const x1 = rand() * 4 - 2;
    const x2 = rand() * 4 - 2;
    const x3 = rand();
    const plan = ['basic', 'plus', 'pro'][Math.floor(rand() * 3)]!;
    const logit = 1.5 * x1 - x2 * x2 + (plan === 'pro' ? 1 : 0) + (rand() - 0.5) * 2;
    lines.push(`c${i},${x1.toFixed(4)},${x2.toFixed(4)},${x3.toFixed(4)},${plan},${logit > 0 ? 1 : 0}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('training in Chromium', () => {
  let app: AppUnderTest;

  before(async () => {
    app = await startAppUnderTest();
    const csv = path.join(app.workspaceDir, 'churn.csv');
    writeChurnCsv(csv, 40_000);
    await app.engine.datasets.startImport({ paths: [csv], name: 'churn' }).outcome;
  });
  after(async () => {
    await app?.close();
  });

  it('trains a model through the form, with a moving loss curve and metrics at the end', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await page.getByLabel('Dataset', { exact: true }).selectOption('churn');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByLabel('Target column').selectOption('churned');
    await page.getByTestId('inferred-task').getByText('inferred: binary').waitFor();

    // More rounds and a small learning rate, so the curve has time to move on screen.
    await page
      .getByRole('button', { name: /^Parameters/ })
      .first()
      .click();
    const rounds = page
      .locator('label.param', { has: page.locator('code', { hasText: /^n_estimators$/ }) })
      .locator('input');
    await rounds.fill('400');
    await rounds.blur();
    const rate = page
      .locator('label.param', { has: page.locator('code', { hasText: /^learning_rate$/ }) })
      .locator('input');
    await rate.fill('0.03');
    await rate.blur();
    await page.getByRole('button', { name: /^Train 1 model/ }).click();

    const card = page.getByTestId('run-card').first();
    const chart = card.getByTestId('loss-chart');
    // Watch the curve grow: the lines' paths get longer while the run trains.
    const lengths: number[] = [];
    for (let i = 0; i < 200 && (await card.getByTestId('run-metrics').count()) === 0; i += 1) {
      const paths = await chart
        .locator('path.recharts-line-curve')
        .evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      lengths.push(paths.reduce((sum, d) => sum + d.length, 0));
      await page.waitForTimeout(150);
    }
    const distinct = new Set(lengths.filter((n) => n > 0));
    assert.ok(
      distinct.size >= 2,
      `the loss curve moved while training (saw lengths ${[...distinct].join(', ')})`,
    );

    const metrics = card.getByTestId('run-metrics');
    await metrics.waitFor({ timeout: 120_000 });
    const auc = Number(
      (await metrics.locator('div', { hasText: 'ROC AUC' }).locator('dd').innerText()).split(' ')[0],
    );
    assert.ok(auc > 0.8, `a real model was trained (AUC ${auc})`);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('train-finished-1280') });
  });

  it('lists the run in Experiments with its metrics', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Compare these runs in Experiments/ }).click();
    const row = page.getByTestId('run-row').first();
    await row.waitFor();
    assert.match(await row.innerText(), /gbdt/);
    await row.getByRole('checkbox').check();
    await page.getByTestId('comparison').getByText('Loss curves').waitFor();
    await page.getByTestId('diagnostics').getByRole('heading', { name: 'ROC curve' }).waitFor();
    await page.screenshot({ path: screenshotPath('experiments-1280') });
  });

  it('predicts with the run and keeps the predictions as a new dataset', async () => {
    const { page } = app;
    await page.getByLabel('Save predictions as dataset').fill('churn-scored');
    await page.getByRole('form', { name: 'Predict' }).getByRole('button', { name: 'Predict' }).click();
    await page
      .locator('select[aria-label="Dataset"] option', { hasText: 'churn-scored' })
      .waitFor({ state: 'attached', timeout: 60_000 });
    const scored = await app.engine.call('datasets.version', { version: 'churn-scored' });
    assert.equal(scored.rows, 40_000);
    assert.ok(scored.columns.some((c) => c.name === 'prediction'));
  });
});
