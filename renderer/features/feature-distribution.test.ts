/** The new column's distribution from a preview page: bins, top values, missing values. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { distributionsOf, histogramOf } from './feature-distribution';

describe('feature distribution', () => {
  it('bins numbers in equal widths, the largest in the last bin', () => {
    const h = histogramOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5);
    assert.deepEqual(h.edges, [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(h.counts, [2, 2, 2, 2, 2]);
  });

  it('puts a constant column in one bin', () => {
    const h = histogramOf([3, 3, 3]);
    assert.deepEqual(h.counts, [3]);
    assert.equal(h.edges.length, 2);
  });

  it('counts missing values and reads text as top values', () => {
    const page = tableToIPC(
      tableFromArrays({
        lag: Float64Array.from([NaN, 1, 2, 2]),
        weather: ['rain', 'sun', 'rain', 'rain'],
      }),
    );
    const [lag, weather] = distributionsOf(page, ['lag', 'weather', 'absent']);
    assert.equal(lag?.kind, 'numeric');
    assert.equal(lag?.missing, 1);
    assert.equal(weather?.kind, 'categorical');
    assert.deepEqual(
      weather?.kind === 'categorical' ? weather.topValues.map((t) => [t.value, t.count]) : [],
      [
        ['rain', 3],
        ['sun', 1],
      ],
    );
  });
});
