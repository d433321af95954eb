/**
 * A data scientist's first minute, in real Chromium through browser mode: import a CSV
 * through the dialog, see its row count and typed grid, sort, filter, and query it in
 * the SQL console; then the rough edges: the column menu (Esc, outside click, inside the
 * viewport), an export downloaded by the browser, a failed cast's own sentence, lineage as dataset@N, a ragged CSV imported
 * with "Skip bad rows", and the last of 3 million rows reached by scrolling and Ctrl+End.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { screenshotPath, startAppUnderTest, type AppUnderTest } from './support/app-under-test';

const CITIES = ['Berlin', 'Bern', 'Oslo', 'Lisbon', 'Auberville'];
const ROWS = 5000;

function writeSalesCsv(file: string): { minPrice: number; berCount: number; over50: number } {
  const lines = ['id,city,price,sold_on,note'];
  let minPrice = Infinity;
  let berCount = 0;
  let over50 = 0;
  for (let i = 1; i <= ROWS; i += 1) {
    const city = CITIES[i % CITIES.length]!;
    const price = Math.round(((i * 7919) % 10000) + 1) / 100;
    const note = i % 10 === 0 ? '' : i % 7 === 0 ? '"quoted, with comma"' : `n${i}`;
    const priceText = i % 97 === 0 ? '' : price.toFixed(2);
    if (priceText !== '') {
      minPrice = Math.min(minPrice, price);
      if (price > 50) over50 += 1;
    }
    if (city.toLowerCase().includes('ber')) berCount += 1;
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`${i},${city},${priceText},2024-03-${day},${note}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { minPrice, berCount, over50 };
}

describe('datasets in Chromium', () => {
  let app: AppUnderTest;
  let csv: string;
  let expected: ReturnType<typeof writeSalesCsv>;

  let ragged: string;

  before(async () => {
    app = await startAppUnderTest();
    csv = path.join(app.workspaceDir, '..', `sales-${process.pid}.csv`);
    expected = writeSalesCsv(csv);
    ragged = path.join(app.workspaceDir, '..', `ragged-${process.pid}.csv`);
    const body = Array.from({ length: 200 }, (_v, i) =>
      i === 49 ? '49,98' : i === 119 ? '1,2,3,4' : `${i},${i * 2},x${i}`,
    );
    fs.writeFileSync(ragged, `a,b,c\n${body.join('\n')}\n`);
  });
  after(async () => {
    await app?.close();
    fs.rmSync(csv, { force: true });
    fs.rmSync(ragged, { force: true });
  });

  it('imports a CSV through the dialog and shows its rows, typed', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'No datasets yet' }).waitFor();
    await page.getByRole('button', { name: 'Import dataset…' }).click();
    await page.getByLabel(/^File/).fill(csv);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('import-preview').getByRole('columnheader', { name: /price/ }).waitFor();
    assert.match(
      await page.getByTestId('import-preview').getByRole('columnheader', { name: /price/ }).innerText(),
      /DOUBLE/,
    );
    await page.getByLabel('Dataset name').fill('sales');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    await page.getByTestId('row-count').getByText('5,000 rows').waitFor({ timeout: 60_000 });
    const grid = page.getByTestId('data-grid');
    await grid
      .getByRole('columnheader', { name: /sold_on/ })
      .getByText('DATE')
      .waitFor();
    await grid.getByRole('gridcell', { name: 'Berlin' }).first().waitFor();
    assert.ok(await grid.locator('.null-cell').count(), 'NULLs are drawn as null');
    await page.screenshot({ path: screenshotPath('datasets-grid-1280') });
  });

  it('sorts on the server by clicking a header', async () => {
    const { page } = app;
    const grid = page.getByTestId('data-grid');
    await grid.locator('[role=columnheader][data-column=price] .header-main').click();
    await grid.locator('[role=columnheader][data-column=price][aria-sort=ascending]').waitFor();
    const firstPrice = grid.locator('[role=row]').nth(1).locator('[role=gridcell]').nth(2);
    await page.waitForFunction(([el, want]) => (el as HTMLElement).innerText.trim() === want, [
      await firstPrice.elementHandle(),
      String(expected.minPrice),
    ] as const);
  });

  it('filters a column and shows how many rows match', async () => {
    const { page } = app;
    const grid = page.getByTestId('data-grid');
    await grid.getByRole('button', { name: 'Column menu for city' }).click();
    await page.getByLabel('Text to find').fill('BER');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page
      .getByTestId('row-count')
      .getByText(`${expected.berCount.toLocaleString()} of 5,000 rows`)
      .waitFor();
    await grid.getByText('city contains “BER”').waitFor();
    await page.screenshot({ path: screenshotPath('datasets-filtered-1280') });
  });

  it('runs a SQL query over the dataset and shows the result in a grid', async () => {
    const { page } = app;
    await page.getByLabel('SQL query').fill('SELECT count(*) AS n FROM sales WHERE price > 50');
    await page.getByRole('button', { name: 'Run' }).click();
    const result = page.getByTestId('sql-result');
    await result.getByRole('gridcell', { name: String(expected.over50), exact: true }).waitFor();
    await page.getByTestId('sql-status').getByText('1 row').waitFor();

    await page.getByLabel('SQL query').fill('DELETE FROM sales');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('alert').filter({ hasText: 'Save as dataset' }).waitFor();
    await page.screenshot({ path: screenshotPath('datasets-sql-1280') });
  });

  it("changes a column's type into a new version and opens it", async () => {
    const { page } = app;
    const grid = page.getByTestId('data-grid');
    await grid.getByRole('button', { name: 'Column menu for id' }).click();
    await page.getByLabel('New type').selectOption('VARCHAR');
    await page.getByRole('button', { name: 'Change type' }).click();
    await page.getByRole('heading', { name: /sales\s*@2/ }).waitFor({ timeout: 60_000 });
    await page
      .getByTestId('data-grid')
      .getByRole('columnheader', { name: /^id/ })
      .getByText('VARCHAR')
      .waitFor();
  });

  it('exports in browser mode as a download, not as a path on the server', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Export…' }).click();
    const name = page.getByLabel('File name');
    await name.fill('sales-export.csv');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export and download' }).click();
    const file = await (await download).path();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'id,city,price,sold_on,note');
    assert.equal(lines.length, ROWS + 1);
  });

  it('opens the import dialog with Ctrl+I and closes it with Esc', async () => {
    const { page } = app;
    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: 'Import dataset' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('closes the column menu on Esc and on a click outside, and keeps it inside the viewport', async () => {
    const { page } = app;
    const grid = page.getByTestId('data-grid');
    const menu = page.getByRole('menu', { name: 'note menu' });
    await grid.getByRole('button', { name: 'Column menu for note' }).click();
    await menu.waitFor();
    const box = (await menu.boundingBox())!;
    const viewport = page.viewportSize()!;
    assert.ok(box.x >= 0 && box.y >= 0, `menu at ${box.x},${box.y}`);
    assert.ok(box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, 'menu inside');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await grid.getByRole('button', { name: 'Column menu for note' }).click();
    await menu.waitFor();
    await page.getByRole('heading', { name: /sales\s*@2/ }).click();
    await menu.waitFor({ state: 'detached' });
  });

  it("names the retype's parent as dataset@N and shows a failed cast in the retype's words", async () => {
    const { page } = app;
    await page
      .getByTestId('lineage')
      .getByText(/from sales@1: id → VARCHAR/)
      .waitFor();
    assert.doesNotMatch(await page.getByTestId('lineage').innerText(), /from v[0-9a-f]{8}/);
    await page.getByTestId('data-grid').getByRole('button', { name: 'Column menu for city' }).click();
    await page.getByLabel('New type').selectOption('INTEGER');
    await page.getByRole('button', { name: 'Change type' }).click();
    const failure = page.getByText(/Column city cannot become INTEGER: row 1 holds "\w+"/);
    await failure.first().waitFor({ timeout: 60_000 });
    assert.doesNotMatch(await failure.first().innerText(), /skip bad rows|fix the file/);
  });

  it('imports a ragged CSV after the preview names the bad line and Skip bad rows is ticked', async () => {
    const { page } = app;
    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: 'Import dataset' });
    await dialog.getByLabel(/^File/).fill(ragged);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const note = dialog.getByTestId('bad-rows');
    await note.getByText(/^Line 51 of ragged-\d+\.csv has 2 fields where the header has 3/).waitFor();
    await page.screenshot({ path: screenshotPath('datasets-ragged-preview-1280') });
    await dialog.getByLabel(/Skip bad rows/).check();
    await note.waitFor({ state: 'detached' });
    await dialog.getByLabel('Dataset name').fill('ragged');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: /ragged\s*@1/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('row-count').getByText('198 rows').waitFor();
    await page.getByText('2 rows were skipped as unparseable at import.').waitFor();
  });

  it('reaches the last of 3 million rows by scrolling and by Ctrl+End', async () => {
    const { page } = app;
    await page.getByLabel('SQL query').fill('SELECT range AS i FROM range(3000000)');
    await page.getByRole('button', { name: 'Run' }).click();
    await page
      .getByTestId('sql-status')
      .getByText(/10,000 rows/)
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Save as dataset…' }).click();
    await page.getByLabel('New dataset name').fill('big');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: /big\s*@1/ }).waitFor({ timeout: 120_000 });
    const grid = page.getByTestId('data-grid');
    const lastCell = grid.getByRole('gridcell', { name: '2999999', exact: true });
    await grid.getByRole('gridcell', { name: '0', exact: true }).click();
    await page.keyboard.press('Control+End');
    await lastCell.waitFor({ timeout: 30_000 });
    await grid.getByText('3,000,000', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('datasets-last-row-1280') });
    await page.keyboard.press('Control+Home');
    await grid.getByRole('gridcell', { name: '0', exact: true }).waitFor();
    await lastCell.waitFor({ state: 'detached' });
    // The scroll bar alone reaches the end too.
    await grid.locator('.grid-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await lastCell.waitFor({ timeout: 30_000 });
    const [cell, area] = await Promise.all([
      lastCell.boundingBox(),
      grid.locator('.grid-scroll').boundingBox(),
    ]);
    assert.ok(cell && area && cell.y + cell.height <= area.y + area.height + 1, 'the last row is in view');
  });
});
