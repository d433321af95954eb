/**
 * The browser-mode wire format. JSON cannot carry `Uint8Array` (Arrow IPC pages) or
 * `bigint` (DuckDB BIGINT), and base64 would inflate every grid page by a third, so a
 * message with binary parts travels as one binary WebSocket frame: a 4-byte little-endian
 * header length, the JSON header, then the binary parts back to back. Messages without
 * binary parts stay plain JSON text frames, which are easy to read in devtools.
 */
import type { ApiErrorShape, Result } from './errors';

export type ClientMessage = { type: 'call'; id: number; method: string; request: unknown };
export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'fatal'; error: ApiErrorShape };

const BIN = '__assay_bin';
const BIGINT = '__assay_bigint';

export function encodeMessage(message: ClientMessage | ServerMessage): string | Uint8Array {
  const parts: Uint8Array[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (typeof value === 'bigint') return { [BIGINT]: value.toString() };
    if (value instanceof Uint8Array) {
      parts.push(value);
      return { [BIN]: parts.length - 1 };
    }
    return value;
  });
  if (parts.length === 0) return json;
  const header = new TextEncoder().encode(json);
  const total = 4 + header.length + parts.reduce((n, p) => n + 4 + p.length, 0);
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, header.length, true);
  frame.set(header, 4);
  let offset = 4 + header.length;
  for (const part of parts) {
    view.setUint32(offset, part.length, true);
    frame.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return frame;
}

export function decodeMessage(data: string | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data, revive([]));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = new TextDecoder().decode(data.subarray(4, 4 + headerLength));
  const parts: Uint8Array[] = [];
  let offset = 4 + headerLength;
  while (offset < data.length) {
    const length = view.getUint32(offset, true);
    // Copy so each part owns an aligned buffer: Arrow readers need aligned memory.
    parts.push(data.slice(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return JSON.parse(header, revive(parts));
}

function revive(parts: Uint8Array[]) {
  return (_key: string, value: unknown): unknown => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      if (typeof record[BIN] === 'number' && Object.keys(record).length === 1) return parts[record[BIN]];
      if (typeof record[BIGINT] === 'string' && Object.keys(record).length === 1)
        return BigInt(record[BIGINT]);
    }
    return value;
  };
}
