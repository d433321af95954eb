import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, messageOf } from './errors';
import { formatBytes, formatCount, formatStat, formatTick } from './format';

describe('formatCount', () => {
  it('groups thousands and rounds to a whole number', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(-1234), '-1,234');
    assert.equal(formatCount(12.6), '13');
  });
});

describe('formatStat', () => {
  it('writes ordinary magnitudes plainly with up to five significant digits', () => {
    assert.equal(formatStat(0), '0');
    assert.equal(formatStat(3.14159265), '3.1416');
    assert.equal(formatStat(-0.000123456), '-0.00012346');
    assert.equal(formatStat(123456.789), '123,460');
    assert.equal(formatStat(42), '42');
  });

  it('switches to exponent form at 1e12 and below 1e-4, for integers too', () => {
    assert.equal(formatStat(999_999_999_999), '999,999,999,999');
    assert.equal(formatStat(1e12), '1.000e+12');
    assert.equal(formatStat(-2.5e15), '-2.500e+15');
    assert.equal(formatStat(0.00009876), '9.876e-5');
  });

  it('names what is not a number', () => {
    assert.equal(formatStat(null), '—');
    assert.equal(formatStat(undefined), '—');
    assert.equal(formatStat(Number.NaN), 'NaN');
    assert.equal(formatStat(Number.POSITIVE_INFINITY), '∞');
    assert.equal(formatStat(Number.NEGATIVE_INFINITY), '−∞');
  });
});

describe('formatTick', () => {
  it('keeps axis ticks short whatever the magnitude', () => {
    assert.equal(formatTick(0), '0');
    assert.equal(formatTick(12.3456), '12.3');
    assert.equal(formatTick(999), '999');
    assert.equal(formatTick(1234), '1.23K');
    assert.equal(formatTick(3_456_789), '3.46M');
    assert.equal(formatTick(-7_100_000_000), '-7.1B');
    assert.equal(formatTick(2.5e13), '25T');
    assert.equal(formatTick(4.2e18), '4.2e+18');
    assert.equal(formatTick(0.00001234), '1.2e-5');
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 ** 3), '5 GB');
  });
});

describe('messageOf', () => {
  it('gives the sentence of an error and the text of anything else', () => {
    assert.equal(messageOf(new ApiError('NOT_FOUND', 'No dataset named "x".')), 'No dataset named "x".');
    assert.equal(messageOf(new TypeError('bad')), 'bad');
    assert.equal(messageOf('plain'), 'plain');
    assert.equal(messageOf(undefined), 'undefined');
  });
});
