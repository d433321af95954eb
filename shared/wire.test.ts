import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage, encodeMessage, type ServerMessage } from './wire';

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
