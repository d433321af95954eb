/** The diff overlay's model on small Arrow pages: added, removed and changed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { CleanPreview } from '../../shared/clean/clean-api';
import { previewDiff } from './preview-diff';

const ipc = (columns: Record<string, unknown[] | Int32Array>) =>
  tableToIPC(tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]), 'stream');

describe('preview diff', () => {
  it('marks added and removed columns and changed cells, matched by source row', () => {
    const preview = {
      page: ipc({ __assay_row: Int32Array.from([2, 0]), title: [' B', 'a'], len: Int32Array.from([2, 1]) }),
      before: ipc({ __assay_row: Int32Array.from([0, 2]), title: ['a', ' b'], gone: ['x', 'y'] }),
      columns: [
        { name: 'title', type: 'VARCHAR' },
        { name: 'len', type: 'INTEGER' },
      ],
    } as unknown as CleanPreview;
    const diff = previewDiff(preview);
    assert.deepEqual(
      diff.columns.map((c) => [c.name, c.state, c.changed]),
      [
        ['title', 'kept', 1],
        ['len', 'added', 0],
        ['gone', 'removed', 0],
      ],
    );
    assert.equal(diff.changedCells, 1);
    assert.deepEqual(diff.rows[0], {
      source: 2,
      cells: [
        { text: ' B', isNull: false, changed: true, before: ' b' },
        { text: '2', isNull: false, changed: false },
        { text: 'y', isNull: false, changed: false },
      ],
    });
    assert.equal(diff.rows[1]?.cells[0]?.changed, false);
  });

  it('draws a page without a before page as it is', () => {
    const diff = previewDiff({
      page: ipc({ n: [1, null] }),
      before: null,
      columns: [],
    } as unknown as CleanPreview);
    assert.deepEqual(
      diff.columns.map((c) => c.state),
      ['kept'],
    );
    assert.equal(diff.rows[1]?.cells[0]?.isNull, true);
  });
});
