/**
 * Column operations on a small table with NULL, NaN and non-ASCII text, each result
 * hand-checked in DuckDB and then required of the generated pandas code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { groupA } from './group-a';
import { OpHarness, expectStep } from './op-harness';

const PEOPLE = `CREATE TABLE t AS SELECT * FROM (VALUES
  (1, 'Zoë', 2.5, true),
  (2, NULL, NULL, false),
  (3, '東京', 'NaN'::DOUBLE, NULL)
) v(id, name, score, ok)`;

describe('column operations', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(PEOPLE, groupA);
  });
  after(() => h.close());

  test('select_columns keeps the listed columns in the listed order', async (t) => {
    const result = await expectStep(
      t,
      h,
      { op: 'select_columns', columns: ['name', 'id'] },
      {
        columns: ['name', 'id'],
        rows: [
          ['Zoë', 1],
          [null, 2],
          ['東京', 3],
        ],
      },
    );
    assert.deepEqual(result.sourceRows, [0, 1, 2]);
  });

  test('drop_columns removes the listed columns', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'drop_columns', columns: ['score', 'ok'] },
      {
        columns: ['id', 'name'],
        rows: [
          [1, 'Zoë'],
          [2, null],
          [3, '東京'],
        ],
      },
    );
  });

  test('rename_columns may hand a name over to another column', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'rename_columns', mapping: { name: 'who', id: 'name' } },
      {
        columns: ['name', 'who', 'score', 'ok'],
        rows: [
          [1, 'Zoë', 2.5, true],
          [2, null, null, false],
          [3, '東京', Number.NaN, null],
        ],
      },
    );
  });

  test('reorder_columns puts the listed columns first and the rest after in order', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'reorder_columns', columns: ['ok', 'name'] },
      {
        columns: ['ok', 'name', 'id', 'score'],
        rows: [
          [true, 'Zoë', 1, 2.5],
          [false, null, 2, null],
          [null, '東京', 3, Number.NaN],
        ],
      },
    );
  });

  test('clone_column adds the copy right after its column', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'clone_column', column: 'name', name: 'name_copy' },
      {
        columns: ['id', 'name', 'name_copy', 'score', 'ok'],
        rows: [
          [1, 'Zoë', 'Zoë', 2.5, true],
          [2, null, null, null, false],
          [3, '東京', '東京', Number.NaN, null],
        ],
      },
    );
  });

  test('cast of a DOUBLE to an integer rounds halves to even; NaN and NULL become NULL', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'cast', column: 'score', type: 'bigint', on_error: 'null' },
      {
        columns: ['id', 'name', 'score', 'ok'],
        rows: [
          [1, 'Zoë', 2, true],
          [2, null, null, false],
          [3, '東京', null, null],
        ],
      },
    );
  });

  test('cast to VARCHAR writes integers without a fraction', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'cast', column: 'id', type: 'VARCHAR', on_error: 'fail' },
      {
        columns: ['id', 'name', 'score', 'ok'],
        rows: [
          ['1', 'Zoë', 2.5, true],
          ['2', null, null, false],
          ['3', '東京', Number.NaN, null],
        ],
      },
    );
  });

  test('check names the field: a missing column (with its other spelling), a clash, every column dropped', async () => {
    assert.deepEqual(await h.issues({ op: 'select_columns', columns: ['Name', 'id', 'ID'] }), [
      'columns: There is no column "Name"; did you mean "name"?',
      'columns: There is no column "ID"; did you mean "id"?',
      'columns: "ID" is listed more than once.',
    ]);
    assert.deepEqual(await h.issues({ op: 'clone_column', column: 'id', name: 'NAME' }), [
      'name: A column named "name" already exists; choose another name.',
    ]);
    assert.deepEqual(await h.issues({ op: 'rename_columns', mapping: { id: '__assay_row' } }), [
      'mapping.id: "__assay_row" is reserved by Assay.',
    ]);
    assert.deepEqual(await h.issues({ op: 'drop_columns', columns: ['id', 'name', 'score', 'ok'] }), [
      'columns: Dropping every column would leave nothing; keep at least one.',
    ]);
  });

  test('cast refuses a type DuckDB does not have, before any SQL', async () => {
    const [issue] = await h.issues({ op: 'cast', column: 'id', type: 'NOTATYPE', on_error: 'null' });
    assert.match(issue ?? '', /^type: Assay cannot cast to "NOTATYPE"/);
    const [shape] = await h.issues({
      op: 'cast',
      column: 'id',
      type: 'INT); DROP TABLE t; --',
      on_error: 'null',
    });
    assert.match(shape ?? '', /^type: "INT\); DROP TABLE t; --" is not a DuckDB type name/);
  });
});

describe('cast of text', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(
      `CREATE TABLE t AS SELECT * FROM (VALUES ('12'), ('x'), (NULL), ('-1.5'), ('0.25'), ('2.5')) v(s)`,
      groupA,
    );
  });
  after(() => h.close());

  test('on_error null turns what does not parse into NULL; text halves round away from zero', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'cast', column: 's', type: 'INTEGER', on_error: 'null' },
      {
        columns: ['s'],
        rows: [[12], [null], [null], [-2], [0], [3]],
      },
    );
    await expectStep(
      t,
      h,
      { op: 'cast', column: 's', type: 'DOUBLE', on_error: 'null' },
      {
        columns: ['s'],
        rows: [[12], [null], [null], [-1.5], [0.25], [2.5]],
      },
    );
  });

  test('on_error fail stops at the first value that does not parse', async () => {
    await assert.rejects(
      h.run({ op: 'cast', column: 's', type: 'INTEGER', on_error: 'fail' }),
      /Could not convert/,
    );
  });
});

describe('cast of JSON (mixed-type fields of a JSON file)', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(
      `CREATE TABLE t AS SELECT j::JSON AS j FROM (VALUES ('"THE LAND GIRLS"'), ('1776'), (NULL), ('null'),
        ('"12"'), ('2.5'), ('true'), ('"Zoë"'), ('"1998-06-12"')) v(j)`,
      groupA,
    );
  });
  after(() => h.close());

  test('to VARCHAR gives the plain text, without the JSON quotes', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'cast', column: 'j', type: 'VARCHAR', on_error: 'fail' },
      {
        columns: ['j'],
        rows: [
          ['THE LAND GIRLS'],
          ['1776'],
          [null],
          [null],
          ['12'],
          ['2.5'],
          ['true'],
          ['Zoë'],
          ['1998-06-12'],
        ],
      },
    );
  });

  test('to numbers converts the scalar (a number, or a string of one); the rest is NULL', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'cast', column: 'j', type: 'DOUBLE', on_error: 'null' },
      { columns: ['j'], rows: [[null], [1776], [null], [null], [12], [2.5], [null], [null], [null]] },
    );
    await expectStep(
      t,
      h,
      { op: 'cast', column: 'j', type: 'BIGINT', on_error: 'null' },
      { columns: ['j'], rows: [[null], [1776], [null], [null], [12], [3], [null], [null], [null]] },
    );
  });

  test('to DATE reads a string scalar as a date', async () => {
    const result = await h.run({ op: 'cast', column: 'j', type: 'DATE', on_error: 'null' });
    assert.deepEqual(
      result.rows.map((r) => r[0]),
      [null, null, null, null, null, null, null, null, '1998-06-12'],
    );
  });
});

describe('column operations on an empty table', () => {
  let h: OpHarness;
  before(async () => {
    h = await OpHarness.open(`CREATE TABLE t (id INTEGER, name VARCHAR)`, groupA);
  });
  after(() => h.close());

  test('give empty results with the right columns', async (t) => {
    await expectStep(
      t,
      h,
      { op: 'reorder_columns', columns: ['name'] },
      { columns: ['name', 'id'], rows: [] },
    );
    await expectStep(
      t,
      h,
      { op: 'clone_column', column: 'id', name: 'id2' },
      { columns: ['id', 'id2', 'name'], rows: [] },
    );
    await expectStep(
      t,
      h,
      { op: 'cast', column: 'name', type: 'DOUBLE', on_error: 'null' },
      {
        columns: ['id', 'name'],
        rows: [],
      },
    );
  });
});
