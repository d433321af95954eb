/** The heatmap scale both the app and the report draw with. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heatCellIsDark, heatColour } from './heat-colour';

describe('heat colour', () => {
  it('is blue for positive, red for negative, and paler towards 0', () => {
    assert.equal(heatColour(1, true), 'hsl(215 75% 44%)');
    assert.equal(heatColour(-1, true), 'hsl(5 75% 44%)');
    assert.equal(heatColour(0, true), 'hsl(215 75% 96%)');
    assert.equal(heatColour(2, true), 'hsl(215 75% 44%)');
  });

  it('draws 0…1 measures in one blue and clamps negatives to 0', () => {
    assert.equal(heatColour(1, false), 'hsl(215 75% 44%)');
    assert.equal(heatColour(-0.5, false), 'hsl(215 75% 96%)');
  });

  it('gives undefined cells the caller’s neutral colour', () => {
    assert.equal(heatColour(null, true), '#8884');
    assert.equal(heatColour(Number.NaN, false, 'var(--surface-2)'), 'var(--surface-2)');
  });

  it('asks for light text only on dark cells', () => {
    assert.equal(heatCellIsDark(0.9, true), true);
    assert.equal(heatCellIsDark(-0.9, true), true);
    assert.equal(heatCellIsDark(0.2, true), false);
    assert.equal(heatCellIsDark(-0.9, false), false);
    assert.equal(heatCellIsDark(null, true), false);
  });
});
