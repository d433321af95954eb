import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WireFormatError, decodeMessage, encodeMessage, type ServerMessage } from './wire';

describe('wire format', () => {
  it('keeps plain messages as readable JSON text', () => {
    const frame = encodeMessage({ type: 'call', id: 1, method: 'app.info', request: {} });
    assert.equal(typeof frame, 'string');
    assert.deepEqual(decodeMessage(frame), { type: 'call', id: 1, method: 'app.info', request: {} });
  });

  it('carries bytes and bigints exactly, in one binary frame', () => {
    const arrow = new Uint8Array([0, 1, 2, 255, 128]);
    const message: ServerMessage = {
      type: 'result',
      id: 7,
      result: { ok: true, value: { page: arrow, rows: 2n ** 62n, nested: [{ empty: new Uint8Array(0) }] } },
    };
    const frame = encodeMessage(message);
    assert.ok(frame instanceof Uint8Array);
    const decoded = decodeMessage(frame) as typeof message & { result: { value: Record<string, unknown> } };
    const value = decoded.result.value as {
      page: Uint8Array;
      rows: bigint;
      nested: Array<{ empty: Uint8Array }>;
    };
    assert.deepEqual([...value.page], [...arrow]);
    assert.equal(value.rows, 2n ** 62n);
    assert.equal(value.nested[0]!.empty.length, 0);
  });

  it('decodes a frame that sits at an offset inside a larger buffer', () => {
    const frame = encodeMessage({
      type: 'event',
      event: 'x',
      payload: new Uint8Array([9, 8, 7]),
    }) as Uint8Array;
    const padded = new Uint8Array(frame.length + 3);
    padded.set(frame, 3);
    const decoded = decodeMessage(padded.subarray(3)) as { payload: Uint8Array };
    assert.deepEqual([...decoded.payload], [9, 8, 7]);
  });
});

describe('wire format against forged frames', () => {
  const good = encodeMessage({
    type: 'event',
    event: 'x',
    payload: [new Uint8Array([1, 2, 3]), new Uint8Array([4])],
  }) as Uint8Array;
  const headerLength = new DataView(good.buffer).getUint32(0, true);
  const firstPart = 4 + headerLength;

  function withUint32(frame: Uint8Array, offset: number, value: number): Uint8Array {
    const copy = frame.slice();
    new DataView(copy.buffer).setUint32(offset, value, true);
    return copy;
  }

  function frameOf(header: string, parts: number[][]): Uint8Array {
    const json = new TextEncoder().encode(header);
    const bytes = new Uint8Array(4 + json.length + parts.reduce((n, p) => n + 4 + p.length, 0));
    const view = new DataView(bytes.buffer);
    view.setUint32(0, json.length, true);
    bytes.set(json, 4);
    let offset = 4 + json.length;
    for (const part of parts) {
      view.setUint32(offset, part.length, true);
      bytes.set(part, offset + 4);
      offset += 4 + part.length;
    }
    return bytes;
  }

  const refused: Array<[string, Uint8Array | string]> = [
    ['an empty frame', new Uint8Array(0)],
    ['a frame shorter than its header length', new Uint8Array([1, 0])],
    ['a header length past the end', withUint32(good, 0, good.length)],
    ['a header length of 4 GiB', withUint32(good, 0, 0xffffffff)],
    ['a part length past the end', withUint32(good, firstPart, 1_000_000)],
    ['a part length of 4 GiB', withUint32(good, firstPart, 0xffffffff)],
    ['a frame cut inside a part length', good.subarray(0, firstPart + 2)],
    ['a frame cut inside a part', good.subarray(0, good.length - 1)],
    ['trailing bytes after the last part', new Uint8Array([...good, 0, 0])],
    ['a header that is not UTF-8', new Uint8Array([2, 0, 0, 0, 0xff, 0xfe])],
    ['a header that is not JSON', frameOf('{"type":', [])],
    ['a reference to a missing part', frameOf('{"p":{"__assay_bin":2}}', [[1]])],
    ['a negative part reference', frameOf('{"p":{"__assay_bin":-1}}', [[1]])],
    ['a fractional part reference', frameOf('{"p":{"__assay_bin":0.5}}', [[1]])],
    ['a part named twice', frameOf('{"a":{"__assay_bin":0},"b":{"__assay_bin":0}}', [[1]])],
    ['a part never named', frameOf('{"a":1}', [[1]])],
    ['a malformed bigint', '{"n":{"__assay_bigint":"12abc"}}'],
    ['a text frame naming a part', '{"p":{"__assay_bin":0}}'],
    ['text that is not JSON', 'not json'],
  ];
  for (const [name, frame] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => decodeMessage(frame), WireFormatError);
    });
  }

  it('still reads the unforged frame', () => {
    const decoded = decodeMessage(good) as { payload: Uint8Array[] };
    assert.deepEqual(
      decoded.payload.map((p) => [...p]),
      [[1, 2, 3], [4]],
    );
  });
});
