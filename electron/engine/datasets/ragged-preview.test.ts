/**
 * A ragged CSV's preview: instead of failing, it shows the rows that parse, names the
 * first bad line and leaves "Skip bad rows" for the person to tick.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { importFiles } from '../../testing/dataset-fixtures';
import { tempDir, withTempEngine } from '../../testing/temp-engine';

describe('ragged CSV preview', () => {
  it('previews the good rows, names the first bad line, and imports with skip bad rows', async () => {
    await withTempEngine(async (engine) => {
      const dir = tempDir();
      const file = path.join(dir, 'ragged.csv');
      const body = Array.from({ length: 200 }, (_v, i) =>
        i === 49 ? '49,98' : i === 119 ? '1,2,3,4' : `${i},${i * 2},x${i}`,
      );
      fs.writeFileSync(file, `a,b,c\n${body.join('\n')}\n`);
      const preview = await engine.call('datasets.preview', { paths: [file] });
      assert.deepEqual(
        preview.columns.map((c) => c.name),
        ['a', 'b', 'c'],
      );
      assert.equal(preview.options.skipBadRows, undefined);
      assert.equal(preview.options.delimiter, ',');
      assert.equal(preview.badRows?.line, 51);
      assert.match(
        preview.badRows?.message ?? '',
        /^Line 51 of ragged\.csv has 2 fields where the header has 3; skip bad rows to import the others/,
      );

      const clean = path.join(dir, 'clean.csv');
      fs.writeFileSync(clean, 'a,b\n1,2\n');
      assert.equal((await engine.call('datasets.preview', { paths: [clean] })).badRows, undefined);

      const imported = await importFiles(engine, [file], { ...preview.options, skipBadRows: true });
      assert.equal(imported.rows, 198);
      assert.equal(imported.rejectedRows, 2);
    });
  });
});
