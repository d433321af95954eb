/** `assay import / datasets / sql / export-data` as a user runs them: real processes, exit codes, JSON shapes. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runAssay, VEGA_DATA } from '../../../testing/run-assay';
import { tempDir } from '../../../testing/temp-engine';

const VEGA = VEGA_DATA;
const assay = (args: string[]) => runAssay(args);

describe('assay datasets commands', () => {
  it('imports, lists, queries and exports, with --json shapes and exit codes', () => {
    const ws = path.join(tempDir(), 'ws');
    const w = ['--workspace', ws];
    assert.equal(assay([...w, 'workspace', 'create']).code, 0);

    const imported = assay([
      ...w,
      '--json',
      'import',
      path.join(VEGA, 'seattle-weather.csv'),
      '--name',
      'weather',
      '--type',
      'wind=VARCHAR',
    ]);
    assert.equal(imported.code, 0, imported.stderr);
    const result = JSON.parse(imported.stdout);
    assert.deepEqual(Object.keys(result), ['dataset', 'version', 'rows', 'columns', 'seconds']);
    assert.equal(result.dataset, 'weather');
    assert.equal(result.version, 1);
    assert.equal(result.rows, 1461);
    assert.deepEqual(result.columns[0], { name: 'date', type: 'DATE' });
    assert.deepEqual(result.columns[4], { name: 'wind', type: 'VARCHAR' });
    assert.equal(imported.stderr, '', 'no progress line when stderr is not a terminal');

    const cars = assay([...w, '--json', 'import', path.join(VEGA, 'cars.json')]);
    assert.equal(JSON.parse(cars.stdout).rows, 406);

    const listed = assay([...w, '--json', 'datasets']);
    const list = JSON.parse(listed.stdout);
    assert.deepEqual(
      list.map((d: { name: string }) => d.name),
      ['cars', 'weather'],
    );
    const table = assay([...w, 'datasets']);
    assert.match(table.stdout, /^NAME\s+VERSIONS\s+ROWS/);
    assert.match(table.stdout, /weather\s+1\s+1,461/);

    const sql = assay([
      ...w,
      '--json',
      'sql',
      'SELECT weather, count(*) AS n FROM weather GROUP BY 1 ORDER BY 2 DESC',
      '--limit',
      '2',
    ]);
    assert.equal(sql.code, 0, sql.stderr);
    const rows = JSON.parse(sql.stdout);
    assert.deepEqual(rows.rows[0], { weather: 'rain', n: 641 });
    assert.equal(rows.truncated, true);

    const refused = assay([...w, 'sql', 'DELETE FROM weather']);
    assert.equal(refused.code, 1);
    assert.equal(
      refused.stderr,
      'assay: This query writes to the workspace; use “Save as dataset” to keep a result as a new version.\n',
    );

    const out = path.join(tempDir(), 'weather.parquet');
    const exported = assay([...w, '--json', 'export-data', 'weather@1', '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(JSON.parse(exported.stdout).format, 'parquet');
    assert.ok(fs.statSync(out).size > 0);
    assert.equal(assay([...w, 'export-data', 'weather@7', '--out', out]).code, 1);
    assert.equal(assay([...w, 'export-data', 'weather', '--out', 'x.txt']).code, 2);
  });

  it('leaves the catalogue unchanged after bad input, with one sentence and exit 1', () => {
    const ws = path.join(tempDir(), 'ws');
    const w = ['--workspace', ws];
    assay([...w, 'workspace', 'create']);
    assay([...w, 'import', path.join(VEGA, 'seattle-weather.csv')]);
    const before = assay([...w, '--json', 'datasets']).stdout;
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    for (const bad of [path.join(dir, 'missing.csv'), dir, path.join(dir, 'empty.csv')]) {
      const r = assay([...w, 'import', bad]);
      assert.equal(r.code, 1, bad);
      assert.match(r.stderr, /^assay: [^\n]+\n$/);
      assert.equal(r.stdout, '');
    }
    assert.equal(assay([...w, '--json', 'datasets']).stdout, before);
    // The CLI's input meets the contract's validation, like the app's: its sentence, exit 2.
    const hostile = assay([...w, 'import', path.join(VEGA, 'cars.json'), '--name', 'x"; DROP TABLE weather']);
    assert.equal(hostile.code, 2, hostile.stderr);
    assert.equal(
      hostile.stderr,
      'assay: Invalid request to datasets.import (name): Use letters, digits, spaces, _ . or - and start with a letter or _.\n',
    );
    assert.equal(hostile.stdout, '');
    assert.equal(assay([...w, '--json', 'datasets']).stdout, before);
    assert.equal(assay([...w, 'import', 'x.csv', '--type', 'nonsense']).code, 2);
    assert.equal(assay([...w, 'import', 'x.csv', '--format', 'xml']).code, 2);
    for (const command of ['import', 'datasets', 'sql', 'export-data']) {
      const help = assay([command, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: assay/);
    }
  });
});
