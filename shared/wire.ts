/**
 * The browser-mode wire format. JSON cannot carry `Uint8Array` (Arrow IPC pages) or
 * `bigint` (DuckDB BIGINT), and base64 would inflate every grid page by a third, so a
 * message with binary parts travels as one binary WebSocket frame: a 4-byte little-endian
 * header length, the JSON header, then the binary parts back to back. Messages without
 * binary parts stay plain JSON text frames, which are easy to read in devtools.
 *
 * Frames come from the network, so decoding trusts nothing: every declared length is
 * checked against the bytes actually there and every part reference against the parts
 * present, and a frame that does not add up is refused whole (`WireFormatError`) rather
 * than read short or padded.
 */
import type { ApiErrorShape, Result } from './errors';

export type ClientMessage = { type: 'call'; id: number; method: string; request: unknown };
export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'fatal'; error: ApiErrorShape };

/**
 * The largest message a client may send. Calls carry JSON requests only (files travel
 * over POST /upload), so this is generous; it bounds what one message can make the
 * server allocate.
 */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024 * 1024;

/** A frame that is not a well-formed message: refuse the message, not the process. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

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
  if (typeof data === 'string') return parseJson(data, []);
  const { header, parts } = splitFrame(data);
  return parseJson(header, parts);
}

/** The header text and the parts of a binary frame, every length checked against the frame. */
function splitFrame(data: Uint8Array): { header: string; parts: Uint8Array[] } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const lengthAt = (offset: number, what: string): number => {
    if (offset + 4 > data.length) throw new WireFormatError(`The frame ends inside the length of ${what}.`);
    const length = view.getUint32(offset, true);
    if (length > data.length - offset - 4) {
      throw new WireFormatError(`The frame declares ${what} longer than the bytes it holds.`);
    }
    return length;
  };
  const headerLength = lengthAt(0, 'its header');
  let header: string;
  try {
    header = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(4, 4 + headerLength));
  } catch {
    throw new WireFormatError('The frame header is not UTF-8 text.');
  }
  const parts: Uint8Array[] = [];
  let offset = 4 + headerLength;
  while (offset < data.length) {
    const length = lengthAt(offset, `part ${parts.length}`);
    // Copy so each part owns an aligned buffer: Arrow readers need aligned memory.
    parts.push(data.slice(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return { header, parts };
}

function parseJson(text: string, parts: Uint8Array[]): unknown {
  const used = new Set<number>();
  let value: unknown;
  try {
    value = JSON.parse(text, revive(parts, used));
  } catch (error) {
    if (error instanceof WireFormatError) throw error;
    throw new WireFormatError('The message is not valid JSON.');
  }
  if (used.size !== parts.length)
    throw new WireFormatError('The frame carries parts its header never names.');
  return value;
}

function revive(parts: Uint8Array[], used: Set<number>) {
  return (_key: string, value: unknown): unknown => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const single = Object.keys(record).length === 1;
      if (single && BIN in record) return partAt(parts, used, record[BIN]);
      if (single && typeof record[BIGINT] === 'string') return toBigInt(record[BIGINT]);
    }
    return value;
  };
}

function partAt(parts: Uint8Array[], used: Set<number>, index: unknown): Uint8Array {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= parts.length) {
    throw new WireFormatError(`The header names a binary part (${String(index)}) the frame does not carry.`);
  }
  if (used.has(index)) throw new WireFormatError(`The header names binary part ${index} twice.`);
  used.add(index);
  return parts[index]!;
}

function toBigInt(text: string): bigint {
  if (!/^-?\d{1,400}$/.test(text)) throw new WireFormatError('The message holds a malformed big integer.');
  return BigInt(text);
}
