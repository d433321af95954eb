import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { kindOfType, loadTable, loadTrainData } from './load-train-data';
import type { Column } from './types';

async function table() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TABLE t (
      n BIGINT, x DOUBLE, d DECIMAL(6, 2), b BOOLEAN, day DATE, "at" TIMESTAMP,
      s VARCHAR, m mood, l INTEGER[], y VARCHAR
    );
    INSERT INTO t VALUES
      (1, 1.5, 1.25, true, DATE '1970-01-02', TIMESTAMP '1970-01-01 00:00:01', 'pear', 'ok', [1], 'a'),
      (2, NULL, 2.50, false, NULL, NULL, NULL, NULL, [2], 'b'),
      (3, 'NaN'::DOUBLE, NULL, NULL, DATE '2020-01-01', TIMESTAMP '2020-01-01 12:00:00', 'apple', 'sad', NULL, NULL),
      (NULL, 'inf'::DOUBLE, 4.00, true, DATE '1969-12-31', NULL, 'pear', 'happy', [], 'a');
  `);
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

const values = (c: Column | undefined): number[] => {
  assert.ok(c && c.kind !== 'categorical');
  return Array.from(c.values);
};

test('DuckDB types map to column kinds; unsupported types are left out with a note', () => {
  assert.equal(kindOfType('BIGINT'), 'numeric');
  assert.equal(kindOfType('DECIMAL(6,2)'), 'numeric');
  assert.equal(kindOfType('BOOLEAN'), 'boolean');
  assert.equal(kindOfType('DATE'), 'datetime');
  assert.equal(kindOfType('TIMESTAMP WITH TIME ZONE'), 'datetime');
  assert.equal(kindOfType('VARCHAR'), 'categorical');
  assert.equal(kindOfType("ENUM('a', 'b')"), 'categorical');
  assert.equal(kindOfType('INTEGER[]'), null);
  assert.equal(kindOfType('BLOB'), null);
});

test('columns load as typed arrays with NaN for missing values and codes into a sorted dictionary', async () => {
  const db = await table();
  try {
    const loaded = await loadTable(db.connection, 't');
    assert.equal(loaded.rows, 4);
    assert.equal(loaded.droppedRows, 0);
    assert.deepEqual(loaded.skipped, [{ name: 'l', type: 'INTEGER[]' }]);
    assert.match(loaded.notes[0] ?? '', /"l" \(INTEGER\[\]\)/);
    const col = (name: string) => loaded.columns.find((c) => c.name === name);
    assert.deepEqual(
      loaded.columns.map((c) => [c.name, c.kind]),
      [
        ['n', 'numeric'],
        ['x', 'numeric'],
        ['d', 'numeric'],
        ['b', 'boolean'],
        ['day', 'datetime'],
        ['at', 'datetime'],
        ['s', 'categorical'],
        ['m', 'categorical'],
        ['y', 'categorical'],
      ],
    );
    assert.ok(col('n')?.kind === 'numeric' && col('n') && (col('n') as { values: Float64Array }).values);
    assert.deepEqual(values(col('n')), [1, 2, 3, NaN]);
    assert.deepEqual(values(col('x')), [1.5, NaN, NaN, NaN]);
    assert.deepEqual(values(col('d')), [1.25, 2.5, NaN, 4]);
    assert.deepEqual(values(col('b')), [1, 0, NaN, 1]);
    assert.deepEqual(values(col('day')), [86_400_000, NaN, Date.UTC(2020, 0, 1), -86_400_000]);
    assert.deepEqual(values(col('at')), [1000, NaN, Date.UTC(2020, 0, 1, 12), NaN]);
    const s = col('s');
    assert.ok(s?.kind === 'categorical');
    assert.deepEqual(s.dictionary, ['apple', 'pear']);
    assert.deepEqual(Array.from(s.codes), [1, -1, 0, 1]);
    assert.ok(s.codes instanceof Int32Array);
    const m = col('m');
    assert.ok(m?.kind === 'categorical');
    assert.deepEqual(
      Array.from(m.codes, (c) => (c < 0 ? null : m.dictionary[c])),
      ['ok', null, 'sad', 'happy'],
    );
  } finally {
    db.close();
  }
});

test('rows without a target are dropped and counted; requested kinds convert text', async () => {
  const db = await table();
  try {
    const loaded = await loadTrainData(db.connection, 't', { target: 'y', features: ['n', 's', 'x'] });
    assert.equal(loaded.rows, 3);
    assert.equal(loaded.droppedRows, 1);
    assert.match(loaded.notes.join(' '), /1 of 4 rows have no value in "y" and were left out/);
    assert.deepEqual(
      loaded.data.columns.map((c) => c.name),
      ['n', 's', 'x'],
    );
    const y = loaded.data.target;
    assert.ok(y.kind === 'categorical');
    assert.deepEqual(y.dictionary, ['a', 'b']);
    assert.deepEqual(Array.from(y.codes), [0, 1, 0]);
    assert.deepEqual(values(loaded.data.columns[0]), [1, 2, NaN]);

    const asNumbers = await loadTable(db.connection, 't', {
      features: ['s', 'n'],
      kinds: { s: 'numeric', n: 'categorical' },
    });
    assert.deepEqual(values(asNumbers.columns[0]), [NaN, NaN, NaN, NaN]);
    const n = asNumbers.columns[1];
    assert.ok(n?.kind === 'categorical');
    assert.deepEqual(n.dictionary, ['1', '2', '3']);

    await assert.rejects(
      loadTable(db.connection, 't', { features: ['n', 'nope', 'gone'] }),
      /no columns "nope", "gone"/,
    );
  } finally {
    db.close();
  }
});
