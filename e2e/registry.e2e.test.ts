/**
 * Model bundles in real Chromium against a real registry: a run trained through the
 * engine's client is exported from its page in Experiments, pushed from the Registry view
 * to a local CNCF Distribution registry with a progress bar, listed with its digest, and
 * pulled into a fresh workspace from the same view. Skips when `docker-registry` is
 * missing (CI installs it).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runJob } from '../shared/run-job';
import { registryInstalled, startRegistry, type RegistryServer } from '../electron/testing/registry-server';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

/** A small binary task; deterministic. */
function writeChurnCsv(file: string, rows: number): void {
  const lines = ['x1,x2,plan,churned'];
  let state = 7;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < rows; i += 1) {
    const x1 = rand() * 4 - 2;
    const x2 = rand() * 4 - 2;
    const plan = ['basic', 'plus', 'pro'][Math.floor(rand() * 3)]!;
    const logit = 1.5 * x1 - x2 + (plan === 'pro' ? 1 : 0) + (rand() - 0.5);
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${plan},${logit > 0 ? 1 : 0}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe(
  'model bundles in Chromium',
  { skip: !registryInstalled() && 'docker-registry is not installed' },
  () => {
    let app: AppUnderTest;
    let registry: RegistryServer;
    let freshWorkspace: string;
    let reference: string;

    before(async () => {
      app = await startAppUnderTest();
      registry = await startRegistry();
      freshWorkspace = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-e2e-pull-'));
      const csv = path.join(app.workspaceDir, 'churn.csv');
      writeChurnCsv(csv, 2_000);
      await app.engine.datasets.startImport({ paths: [csv], name: 'churn' }).outcome;
      // Training through the form is train.e2e's subject; here the engine's client trains.
      await runJob(app.engine.client, 'train.start', {
        version: 'churn',
        target: 'churned',
        algorithms: [{ algorithm: 'gbdt', params: { n_estimators: 20 } }],
      });
      reference = `oci://${registry.host}/churn-model:1.0.0`;
    });
    after(async () => {
      await app?.close();
      await registry?.stop();
      if (freshWorkspace) fs.rmSync(freshWorkspace, { recursive: true, force: true });
    });

    it('shows what to do while there are no models', async () => {
      const { page, server } = app;
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Registry' }).click();
      await page.getByTestId('view-registry').getByText('No models yet').waitFor();
      assert.match(await page.getByTestId('view-registry').innerText(), /Export bundle…/);
    });

    it('exports the run from its page with a suggested version', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Experiments' }).click();
      await page.getByTestId('run-row').first().click();
      await page.getByTestId('run-page').waitFor();
      await page.getByRole('button', { name: 'Export bundle…' }).click();
      const form = page.getByRole('form', { name: 'Export bundle' });
      await form.getByLabel('Model name').fill('churn-model');
      assert.equal(await form.getByLabel('Version').inputValue(), '1.0.0');
      await form.getByRole('button', { name: 'Export' }).click();
      await page
        .getByRole('button', { name: 'Open churn-model 1.0.0 in Registry' })
        .click({ timeout: 120_000 });
      await page.getByTestId('version-row').first().waitFor();
      assert.match(await page.getByTestId('version-row').first().innerText(), /1\.0\.0[\s\S]*not pushed/);
    });

    it("opens the version's card: metrics, lineage, signature and the model card", async () => {
      const { page } = app;
      await page.getByTestId('version-row').first().click();
      const card = page.getByTestId('version-card');
      await card.waitFor();
      assert.match(await card.getByTestId('version-metrics').innerText(), /ROC AUC/);
      assert.match(await card.getByTestId('lineage').innerText(), /churn@1/);
      assert.match(await card.getByTestId('signature').innerText(), /x1[\s\S]*plan/);
      assert.ok(
        (await card.getByTestId('model-card-text').locator('h3, h4').count()) > 0,
        'headings rendered',
      );
      assert.equal(await card.getByTestId('model-card-text').locator('script, img, iframe').count(), 0);
      await page.screenshot({ path: screenshotPath('registry-card-1280'), fullPage: true });
    });

    it('pushes the version to the local registry and lists it with its digest', async () => {
      const { page } = app;
      await page.getByTestId('version-card').getByRole('button', { name: 'Push…' }).click();
      const form = page.getByRole('form', { name: 'Push' });
      await form.getByLabel('Registry address').fill(reference);
      await form.getByLabel(/Plain HTTP/).check();
      // Browser mode has no keychain: the login stays in the form, and nothing offers to keep it.
      assert.equal(await form.getByLabel(/Remember this login/).count(), 0);
      await form.getByText('used for this call only').waitFor();
      await form.getByRole('button', { name: 'Push' }).click();
      const pushed = page.getByTestId('last-push');
      await pushed.waitFor({ timeout: 120_000 });
      const digest = /sha256:[0-9a-f]{64}/.exec(await pushed.innerText())?.[0];
      assert.ok(digest, 'the push names the manifest digest');
      assert.equal(await page.getByTestId('card-digest').innerText(), digest);
      const row = page.getByTestId('version-row').first();
      assert.equal(await row.getByTestId('version-digest').locator('code').getAttribute('title'), digest);
      assert.match(await row.innerText(), new RegExp(reference.replace(/[.:/]/g, '\\$&')));
      assert.match(await page.getByTestId('registry-address').innerText(), new RegExp(registry.host));
    });

    it('pulls the version into a fresh workspace from the Registry view', async () => {
      const { page, engine } = app;
      await engine.call('workspace.open', { path: freshWorkspace, create: true });
      await page.getByTestId('view-registry').getByText('No models yet').waitFor();
      await page.getByRole('button', { name: 'Pull…' }).click();
      const form = page.getByRole('form', { name: 'Pull' });
      await form.getByLabel('Reference').fill(reference.replace(/:1\.0\.0$/, ''));
      await form.getByRole('button', { name: 'List tags' }).click();
      await form.getByTestId('tags').getByRole('button', { name: '1.0.0' }).click();
      assert.equal(await form.getByLabel('Reference').inputValue(), reference);
      await form.getByLabel(/Plain HTTP/).check();
      await form.getByRole('button', { name: 'Pull' }).click();
      const row = page.getByTestId('version-row').first();
      await row.waitFor({ timeout: 120_000 });
      assert.match(await row.innerText(), /1\.0\.0[\s\S]*pulled/);
      await page.getByTestId('version-card').waitFor();
      assert.match(await page.getByTestId('card-digest').innerText(), /^sha256:[0-9a-f]{64}$/);
      const models = await engine.call('bundles.list', {});
      assert.deepEqual(
        models.map((m) => [m.name, m.versions.map((v) => v.version)]),
        [['churn-model', ['1.0.0']]],
      );
      await page.screenshot({ path: screenshotPath('registry-pulled-1280'), fullPage: true });
    });
  },
);
