/** Identifiers and literals survive hostile names: checked by round-tripping through DuckDB. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkedTypeName, quoteIdentifier, sqlLiteral, structLiteral } from './sql-text';

const HOSTILE = [
  'plain',
  'with space',
  'quote"inside',
  '""',
  "it's",
  'semi;colon',
  'drop table x;--',
  'ünï©ødé',
  'a.b',
  '@1',
  'x"); DROP TABLE t; --',
];

describe('sql text', () => {
  it('quotes identifiers so any name is a column name, never SQL', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const columns = HOSTILE.map((name, i) => `${i} AS ${quoteIdentifier(name)}`).join(', ');
    await connection.run(`CREATE TABLE ${quoteIdentifier('t"; x')} AS SELECT ${columns}`);
    const reader = await connection.runAndReadAll(`SELECT * FROM ${quoteIdentifier('t"; x')}`);
    assert.deepEqual(reader.columnNames(), HOSTILE);
    assert.throws(() => quoteIdentifier('nul\0'), /NUL/);
    connection.closeSync();
  });

  it('writes literals that read back as the same values', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const values = ["it's", "'); DROP TABLE t; --", 'back\\slash', '', 'ünï'];
    const reader = await connection.runAndReadAll(`SELECT ${values.map((v) => sqlLiteral(v)).join(', ')}`);
    assert.deepEqual(reader.getRowsJS()[0], values);
    assert.equal(sqlLiteral(null), 'NULL');
    assert.equal(sqlLiteral([1, 'a']), "[1, 'a']");
    assert.equal(structLiteral({ "o'k": 'DOUBLE' }), "{'o''k': 'DOUBLE'}");
    assert.throws(() => sqlLiteral(Number.NaN));
    connection.closeSync();
  });

  it('accepts type names and refuses anything else', () => {
    assert.equal(checkedTypeName('double'), 'DOUBLE');
    assert.equal(checkedTypeName('DECIMAL(10, 2)'), 'DECIMAL(10, 2)');
    assert.equal(checkedTypeName('varchar[]'), 'VARCHAR[]');
    for (const bad of ['INT); DROP TABLE x', "VARCHAR'", 'a--b', ''])
      assert.throws(() => checkedTypeName(bad), /not a DuckDB type/);
  });
});
