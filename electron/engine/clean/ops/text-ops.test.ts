/**
 * Text operations on Unicode text with NULLs and odd white space: replace (plain and
 * regular expression), strip, change_case (title as Python's str.title), split_column and
 * text_length, hand-checked in DuckDB and required of the pandas code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { groupA } from './group-a';
import { OpHarness, expectStep } from './op-harness';

const WORDS = `CREATE TABLE t AS SELECT * FROM (VALUES
  (1, '  héllo wORLD '),
  (2, NULL),
  (3, chr(9) || 'they''re 1st' || chr(160)),
  (4, ''),
  (5, 'a.b.c.d'),
  (6, 'Ünïcödé 😀')
) v(id, s)`;

describe('text operations', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(WORDS, groupA);
  });
  after(() => h.close());

  const column = (values: unknown[]) => ({ columns: ['id', 's'], rows: values.map((v, i) => [i + 1, v]) });

  test('replace without regex replaces every occurrence literally', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'replace', column: 's', find: '.', replace: '·', regex: false },
      column(['  héllo wORLD ', null, "\tthey're 1st\u00a0", '', 'a·b·c·d', 'Ünïcödé 😀']),
    );
  });

  test('replace with a regex replaces every match, with group references', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'replace', column: 's', find: '([a-z])\\.', replace: '\\1-', regex: true },
      column(['  héllo wORLD ', null, "\tthey're 1st\u00a0", '', 'a-b-c-d', 'Ünïcödé 😀']),
    );
  });

  test('strip removes spaces, tabs and no-break spaces at both ends', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'strip', columns: ['s'] },
      column(['héllo wORLD', null, "they're 1st", '', 'a.b.c.d', 'Ünïcödé 😀']),
    );
  });

  test('change_case: lower, upper, and title as Python writes it', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'change_case', column: 's', to: 'upper' },
      column(['  HÉLLO WORLD ', null, "\tTHEY'RE 1ST\u00a0", '', 'A.B.C.D', 'ÜNÏCÖDÉ 😀']),
    );
    await expectStep(
      t,
      h,
      { op: 'change_case', column: 's', to: 'title' },
      column(['  Héllo World ', null, "\tThey'Re 1St\u00a0", '', 'A.B.C.D', 'Ünïcödé 😀']),
    );
  });

  test('split_column puts the parts after the column; the last name takes the rest', async (t) => {
    const result = await expectStep(
      t,
      h,
      { op: 'split_column', column: 's', delimiter: '.', into: ['first', 'rest'] },
      {
        columns: ['id', 's', 'first', 'rest'],
        rows: [
          [1, '  héllo wORLD ', '  héllo wORLD ', null],
          [2, null, null, null],
          [3, "\tthey're 1st\u00a0", "\tthey're 1st\u00a0", null],
          [4, '', '', null],
          [5, 'a.b.c.d', 'a', 'b.c.d'],
          [6, 'Ünïcödé 😀', 'Ünïcödé 😀', null],
        ],
      },
    );
    assert.deepEqual(result.sourceRows, [0, 1, 2, 3, 4, 5]);
    await expectStep(
      t,
      h,
      { op: 'split_column', column: 's', delimiter: '.', into: ['p1', 'p2', 'p3', 'p4', 'p5'] },
      {
        columns: ['id', 's', 'p1', 'p2', 'p3', 'p4', 'p5'],
        rows: [
          [1, '  héllo wORLD ', '  héllo wORLD ', null, null, null, null],
          [2, null, null, null, null, null, null],
          [3, "\tthey're 1st\u00a0", "\tthey're 1st\u00a0", null, null, null, null],
          [4, '', '', null, null, null, null],
          [5, 'a.b.c.d', 'a', 'b', 'c', 'd', null],
          [6, 'Ünïcödé 😀', 'Ünïcödé 😀', null, null, null, null],
        ],
      },
    );
  });

  test('text_length counts code points', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'text_length', column: 's', name: 'len' },
      {
        columns: ['id', 's', 'len'],
        rows: [
          [1, '  héllo wORLD ', 14],
          [2, null, null],
          [3, "\tthey're 1st\u00a0", 13],
          [4, '', 0],
          [5, 'a.b.c.d', 7],
          [6, 'Ünïcödé 😀', 9],
        ],
      },
    );
  });

  test('check refuses columns that are not text and names that clash', async () => {
    assert.deepEqual(await h.issues({ op: 'strip', columns: ['id', 'nope'] }), [
      'columns: There is no column "nope".',
      'columns: "id" is INTEGER, not text; cast it to VARCHAR first.',
    ]);
    assert.deepEqual(
      await h.issues({ op: 'split_column', column: 's', delimiter: ',', into: ['a', 'A', 'id'] }),
      [
        'into: "A" is listed more than once.',
        'into: A column named "id" already exists; choose another name.',
      ],
    );
    assert.deepEqual(await h.issues({ op: 'text_length', column: 's', name: 'S' }), [
      'name: A column named "s" already exists; choose another name.',
    ]);
  });
});

describe('text operations on an empty table', () => {
  test('give no rows and the new columns', async (t) => {
    const h = await OpHarness.open(`CREATE TABLE t (s VARCHAR)`, groupA);
    try {
      await expectStep(t, h, { op: 'change_case', column: 's', to: 'title' }, { columns: ['s'], rows: [] });
      await expectStep(
        t,
        h,
        { op: 'split_column', column: 's', delimiter: '-', into: ['a', 'b'] },
        {
          columns: ['s', 'a', 'b'],
          rows: [],
        },
      );
      await expectStep(
        t,
        h,
        { op: 'text_length', column: 's', name: 'n' },
        { columns: ['s', 'n'], rows: [] },
      );
    } finally {
      h.close();
    }
  });
});
