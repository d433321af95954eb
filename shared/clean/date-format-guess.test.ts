/**
 * The "by example" date helper: the formats proposed for many shapes of example, the
 * column's values deciding day against month, ties offered as choices, and the reader
 * that stands in for DuckDB's strptime checking each part's range.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateFormats, guessDateFormats, readsDate } from './date-format-guess';

const formats = (example: string, values: string[] = []) =>
  guessDateFormats(example, values).map((g) => g.format);

describe('guessDateFormats', () => {
  const single: Array<[string, string]> = [
    ['Jun 12 1998', '%b %d %Y'],
    ['June 12 1998', '%B %d %Y'],
    ['12 Jun 1998', '%d %b %Y'],
    ['12-Jun-98', '%d-%b-%y'],
    ['Jun 12, 1998', '%b %d, %Y'],
    ['Friday, June 12, 1998', '%A, %B %d, %Y'],
    ['Fri 12 Jun 1998', '%a %d %b %Y'],
    ['1998-06-12', '%Y-%m-%d'],
    ['1998/06/12', '%Y/%m/%d'],
    ['1998-06-12 14:30', '%Y-%m-%d %H:%M'],
    ['1998-06-12 14:30:05', '%Y-%m-%d %H:%M:%S'],
    ['1998-06-12T14:30:05', '%Y-%m-%dT%H:%M:%S'],
    ['1998-06-12 14:30:05.123', '%Y-%m-%d %H:%M:%S.%g'],
    ['1998-06-12 14:30:05.123456', '%Y-%m-%d %H:%M:%S.%f'],
    ['19980612', '%Y%m%d'],
    ['19980612143000', '%Y%m%d%H%M%S'],
    ['1998-163', '%Y-%j'],
    ['Jun 1998', '%b %Y'],
    ['06/1998', '%m/%Y'],
    ['25/12/1998', '%d/%m/%Y'],
    ['12/25/1998', '%m/%d/%Y'],
    ['25.12.98', '%d.%m.%y'],
    ['Jun 12 1998 2:30 PM', '%b %d %Y %I:%M %p'],
    ['100% 1998', ''],
  ];
  for (const [example, expected] of single) {
    it(`proposes ${expected || 'nothing'} for "${example}"`, () => {
      assert.deepEqual(formats(example), expected ? [expected] : []);
    });
  }

  it('offers both readings of an ambiguous example when there are no values', () => {
    assert.deepEqual(formats('12/06/1998'), ['%m/%d/%Y', '%d/%m/%Y']);
    assert.deepEqual(formats('12.06.98'), ['%m.%d.%y', '%d.%m.%y']);
    assert.deepEqual(formats('98.06.12'), ['%y.%m.%d']);
  });

  it('lets a column value over 12 decide which position is the day', () => {
    const values = ['12/06/1998', '03/04/2001', '25/01/1999', '', '07/07/2007'];
    assert.deepEqual(guessDateFormats('12/06/1998', values), [
      { format: '%d/%m/%Y', matched: 4, checked: 4 },
    ]);
    assert.deepEqual(formats('12/06/1998', ['01/31/2000', '12/06/1998']), ['%m/%d/%Y']);
    assert.deepEqual(formats('12.06.98', ['12.06.98', '31.01.99']), ['%d.%m.%y']);
  });

  it('keeps the tie when no value decides', () => {
    const values = ['01/02/2000', '03/04/2001', '05/06/2002'];
    assert.deepEqual(formats('12/06/1998', values), ['%m/%d/%Y', '%d/%m/%Y']);
  });

  it('counts the values a format reads and keeps only the best', () => {
    const guesses = guessDateFormats('Jun 12 1998', ['Jun 12 1998', 'Aug 07 1995', 'TBD', ' Dec 25 2001 ']);
    assert.deepEqual(guesses, [{ format: '%b %d %Y', matched: 3, checked: 4 }]);
  });

  it('proposes nothing for text that is not a date', () => {
    assert.deepEqual(formats(''), []);
    assert.deepEqual(formats('hello'), []);
    assert.deepEqual(formats('13/13/1998'), []);
  });

  it('escapes a literal percent sign', () => {
    assert.deepEqual(candidateFormats('1998%06%12'), ['%Y%%%m%%%d']);
  });
});

describe('readsDate', () => {
  it('checks each part against its range', () => {
    assert.equal(readsDate('%Y-%m-%d', '1998-06-12'), true);
    assert.equal(readsDate('%Y-%m-%d', '1998-13-12'), false);
    assert.equal(readsDate('%Y-%m-%d', '1998-06-32'), false);
    assert.equal(readsDate('%H:%M', '24:00'), false);
    assert.equal(readsDate('%b %d %Y', 'jun 1 1998'), true);
    assert.equal(readsDate('%b %d %Y', 'Jux 1 1998'), false);
  });

  it('refuses a specifier it does not know', () => {
    assert.equal(readsDate('%Q', '1'), false);
  });
});
