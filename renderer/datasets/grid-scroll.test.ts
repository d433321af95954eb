/** The grid's scroll mapping: identity below the cap, proportional above, last row reachable. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { realOffset, scrollHeight, scrollTopFor, visibleRows, type ScrollGeometry } from './grid-scroll';

const small: ScrollGeometry = { rowCount: 1000, rowHeight: 28, viewportHeight: 560 };
const huge: ScrollGeometry = { rowCount: 3_000_000, rowHeight: 28, viewportHeight: 560 };

describe('grid scroll mapping', () => {
  it('is the identity for tables under the cap', () => {
    assert.equal(scrollHeight(small), 28_000);
    assert.equal(realOffset(1234, small), 1234);
    assert.equal(scrollTopFor(1234, small), 1234);
    assert.deepEqual(visibleRows(28 * 10, small, 0)[0], { index: 10, top: 0 });
  });

  it('caps the scroll space and still reaches the last row of 3 million', () => {
    assert.equal(scrollHeight(huge), 8_000_000);
    const bottom = scrollHeight(huge) - huge.viewportHeight;
    const rows = visibleRows(bottom, huge, 0);
    const last = rows.at(-1)!;
    assert.equal(last.index, 2_999_999);
    assert.equal(last.top + huge.rowHeight, huge.viewportHeight, 'the last row sits at the bottom edge');
    assert.equal(visibleRows(0, huge, 0)[0]!.index, 0);
    // Halfway down the scroll bar is halfway down the table.
    const middle = visibleRows(bottom / 2, huge, 0)[0]!.index;
    assert.ok(Math.abs(middle - 1_500_000) < 20, `middle row ${middle}`);
  });

  it('round-trips offsets and clamps out-of-range scroll positions', () => {
    const offset = 28 * 2_000_000;
    assert.ok(Math.abs(realOffset(scrollTopFor(offset, huge), huge) - offset) < 1e-3);
    assert.equal(realOffset(1e12, huge), 3_000_000 * 28 - 560);
    assert.equal(realOffset(-5, huge), 0);
    assert.deepEqual(visibleRows(0, { rowCount: 0, rowHeight: 28, viewportHeight: 500 }), []);
  });
});
