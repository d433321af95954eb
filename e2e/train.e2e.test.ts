/**
 * Training in real Chromium: pick a target, train gradient boosting through the form
 * (a typo in a param is refused at the field), watch the loss curve move while it
 * trains, see the metrics, then find the run in Experiments: its page, the comparison
 * of two runs, prediction, and deleting into the archive and back.
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
    const roundsField = page.locator('label.param', {
      has: page.locator('code', { hasText: /^n_estimators$/ }),
    });
    const rounds = roundsField.locator('input');
    const trainButton = page.getByRole('button', { name: /^Train \d+ models?$/ });
    // A typo is shown at the field and keeps the form from training with the default.
    await rounds.fill('abc');
    await roundsField
      .getByRole('alert')
      .getByText(/n_estimators must be an integer from 1 to/)
      .waitFor();
    assert.equal(await trainButton.isDisabled(), true, 'the form refuses to start');
    await rounds.fill('400');
    await rounds.blur();
    const rate = page
      .locator('label.param', { has: page.locator('code', { hasText: /^learning_rate$/ }) })
      .locator('input');
    await rate.fill('0.03');
    await rate.blur();
    assert.equal(await trainButton.innerText(), 'Train 1 model');
    await trainButton.click();

    const card = page.getByTestId('run-card').first();
    const chart = card.getByTestId('loss-chart');
    // Watch the curve grow: the lines' paths get longer while the run trains.
    const lengths: number[] = [];
    let livePoints = 0;
    for (let i = 0; i < 200 && (await card.getByTestId('run-metrics').count()) === 0; i += 1) {
      const paths = await chart
        .locator('path.recharts-line-curve')
        .evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      lengths.push(paths.reduce((sum, d) => sum + d.length, 0));
      // A curve, not a straight line from the first report to the last: several vertices.
      livePoints = Math.max(livePoints, ...paths.map((d) => (d.match(/[ML]/g) ?? []).length));
      await page.waitForTimeout(150);
    }
    assert.ok(livePoints >= 3, `the live curve has its reported points (${livePoints})`);
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
    // The legend draws train dashed and validation solid, as the lines are.
    const legend = card.getByTestId('loss-legend');
    const dashes = await legend
      .locator('li')
      .evaluateAll((items) =>
        items.map((li) => [
          li.textContent ?? '',
          li.querySelector('line')?.getAttribute('stroke-dasharray') ?? '',
        ]),
      );
    assert.deepEqual(
      dashes.map(([label, dash]) => [label.replace(/^.* · /, ''), dash !== '']),
      [
        ['train', true],
        ['validation', false],
      ],
    );
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('train-finished-1280') });
  });

  it('lists the run in Experiments with its metrics', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Compare these runs in Experiments/ }).click();
    const row = page.getByTestId('run-row').first();
    await row.waitFor();
    assert.match(await row.innerText(), /Gradient boosting/);
    // The runs just trained are already selected and compared.
    assert.equal(await row.getByRole('checkbox').isChecked(), true);
    await page.getByTestId('comparison').getByText('Loss curves').waitFor();
    assert.match(await page.getByTestId('comparison-metrics').innerText(), /Holdout 20%/);
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

  it("opens a run's page with its params and the assay train command", async () => {
    const { page } = app;
    await page.getByTestId('run-row').first().locator('td').nth(2).click();
    const runPage = page.getByTestId('run-page');
    await runPage.waitFor();
    assert.match(await runPage.getByTestId('run-params').innerText(), /n_estimators\s+400/);
    assert.match(await runPage.getByTestId('run-facts').innerText(), /Holdout 20%/);
    const command = await runPage.getByTestId('train-command').innerText();
    assert.match(command, /^assay train churn@1 --target churned --task binary --algo gbdt /);
    assert.match(command, /--param n_estimators=400 .*--split holdout:0\.2 --seed 42/);
    await page.screenshot({ path: screenshotPath('run-page-1280') });
    await page.getByRole('button', { name: '← Runs' }).click();
  });

  it('compares two runs with importance and confusion for each; logistic regression lists no validation loss', async () => {
    const { page } = app;
    const version = await app.engine.call('datasets.version', { version: 'churn' });
    await (
      await app.engine.training.start({
        version: version.id,
        target: 'churned',
        algorithms: [{ algorithm: 'logistic_regression' }],
      })
    ).outcome;
    const rows = page.getByTestId('run-row');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2);
    for (const checkbox of await rows.getByRole('checkbox').all()) await checkbox.check();
    const comparison = page.getByTestId('comparison');
    await comparison.getByTestId('confusion').nth(1).waitFor();
    assert.equal(await comparison.getByTestId('importance').count(), 2);
    const legend = await comparison.getByTestId('loss-legend').innerText();
    assert.match(legend, /Logistic regression · train/);
    assert.doesNotMatch(legend, /Logistic regression · validation/);
    await page.screenshot({ path: screenshotPath('experiments-two-runs-1280') });
  });

  it('asks before deleting, keeps deleted runs in the archive, restores them and empties it', async () => {
    const { page } = app;
    const rows = page.getByTestId('run-row');
    await rows.nth(1).getByRole('checkbox').uncheck();
    await page.getByRole('button', { name: 'Delete 1 run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 1 run?' });
    await dialog.getByText(/restore it from “Archived”/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await rows.count(), 2, 'cancel deletes nothing');

    await page.getByRole('button', { name: 'Delete 1 run' }).click();
    await dialog.getByRole('button', { name: 'Delete 1 run' }).click();
    await page.getByRole('button', { name: 'Archived (1)' }).click();
    const archive = page.getByTestId('archive');
    await archive.getByTestId('archived-row').getByRole('button', { name: 'Restore' }).click();
    await archive.getByText('The archive is empty').waitFor();
    await page.getByRole('button', { name: '← Experiments' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2);

    await rows.first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Delete 1 run' }).click();
    await dialog.getByRole('button', { name: 'Delete 1 run' }).click();
    await page.getByRole('button', { name: 'Archived (1)' }).click();
    await page.getByRole('button', { name: 'Empty archive' }).click();
    await page
      .getByRole('dialog', { name: 'Empty the archive?' })
      .getByRole('button', { name: 'Delete 1 run for good' })
      .click();
    await archive.getByText('The archive is empty').waitFor();
    assert.deepEqual(await app.engine.call('runs.list', { archived: true }), []);
    assert.equal((await app.engine.call('runs.list', {})).length, 1);
  });
});
