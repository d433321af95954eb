/** Heatmap cell sizes and cell text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellSize, formatCell, showsValues } from './heatmap-layout';

describe('heatmap layout', () => {
  it('gives small matrices cells wide enough for their values, large ones small cells', () => {
    assert.ok(showsValues(cellSize(4, 4)));
    assert.ok(showsValues(cellSize(20, 20)));
    assert.ok(!showsValues(cellSize(60, 60)));
    assert.ok(cellSize(200, 200) >= 14);
  });

  it('writes values with two decimals, a real minus and no negative zero', () => {
    assert.equal(formatCell(0.9612), '0.96');
    assert.equal(formatCell(-0.41), '−0.41');
    assert.equal(formatCell(-0.004), '0.00');
    assert.equal(formatCell(null), '—');
    assert.equal(formatCell(-0.0071, 3), '−0.007');
  });
});
