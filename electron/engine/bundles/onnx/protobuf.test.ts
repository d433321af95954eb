/**
 * The protobuf writer against encodings fixed by the protobuf spec: varints (one byte,
 * multi-byte, negative as ten bytes), keys, length-delimited and packed fields, and
 * fixed-width floats. See docs/architecture.md ("Inside the training capability").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtoWriter, varint } from './protobuf';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('varints follow the protobuf encoding', () => {
  assert.equal(hex(varint(0)), '00');
  assert.equal(hex(varint(1)), '01');
  assert.equal(hex(varint(150)), '9601');
  assert.equal(hex(varint(300)), 'ac02');
  assert.equal(hex(varint(-1)), 'ffffffffffffffffff01');
  assert.equal(hex(varint(2 ** 40)), '808080808020');
});

test('fields carry their key, length and payload', () => {
  assert.equal(hex(new ProtoWriter().int(1, 150).finish()), '089601');
  assert.equal(hex(new ProtoWriter().string(2, 'testing').finish()), '120774657374696e67');
  assert.equal(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish()), '2206038e029ea705');
  assert.equal(hex(new ProtoWriter().float(2, 1).finish()), '150000803f');
  assert.equal(hex(new ProtoWriter().double(10, 1).finish()), '51000000000000f03f');
  assert.equal(hex(new ProtoWriter().packedFloats(7, [1, -2]).finish()), '3a080000803f000000c0');
});
