/**
 * Test support: clients no library would be — raw TCP for malformed HTTP, and a
 * hand-made WebSocket client that frames, masks (or not) and declares lengths however a
 * test asks, then reports what the server did: its handshake status, the frames it sent
 * and the close code it chose.
 */
import net from 'node:net';

/** Sends `request` as is and collects the answer until the server closes or `timeoutMs` passes. */
export function rawHttp(port: number, request: string | Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (isComplete(answer)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

/** Whether a keep-alive answer has arrived whole, so there is no need to wait for a close. */
function isComplete(answer: string): boolean {
  const end = answer.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = answer.slice(0, end);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) return answer.endsWith('\r\n0\r\n\r\n');
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  return length !== null && answer.length - end - 4 >= Number(length[1]);
}

/** The status code of a raw HTTP answer; 0 when there was none. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

export interface FrameOptions {
  fin?: boolean;
  mask?: boolean;
  rsv1?: boolean;
  /** The length written in the header, when it should lie about the payload. */
  declaredLength?: number | bigint;
}

/** One client frame, masked (as RFC 6455 requires of clients) unless told otherwise. */
export function clientFrame(
  opcode: number,
  payload: string | Uint8Array,
  options: FrameOptions = {},
): Buffer {
  const body = Buffer.from(payload);
  const length = BigInt(options.declaredLength ?? body.length);
  const first = (options.fin === false ? 0 : 0x80) | (options.rsv1 ? 0x40 : 0) | opcode;
  const maskBit = options.mask === false ? 0 : 0x80;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.from([first, maskBit | 126, 0, 0]);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (options.mask === false) return Buffer.concat([header, body]);
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  return Buffer.concat([header, key, body.map((byte, i) => byte ^ key[i % 4]!)]);
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

export interface WebSocketOutcome {
  /** The handshake's status: 101 when the upgrade was accepted. */
  status: number;
  frames: ServerFrame[];
  /** The code of the server's close frame; null when it sent none before the timeout. */
  closeCode: number | null;
}

/**
 * Upgrades with the token, sends `frames` once the handshake is answered, and reads what
 * the server sends until it closes or `timeoutMs` passes.
 */
export function rawWebSocket(
  port: number,
  token: string,
  frames: Buffer[],
  timeoutMs = 4000,
): Promise<WebSocketOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let status = 0;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const parsed = status === 101 ? parseServerFrames(received) : [];
      const close = parsed.find((f) => f.opcode === 0x8);
      resolve({
        status,
        frames: parsed,
        closeCode: close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null,
      });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (status === 0) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received.toString('latin1'))?.[1] ?? -1);
        received = received.subarray(end + 4);
        if (status === 101) for (const frame of frames) socket.write(frame);
      }
      // The server waits for our close reply, which this client never sends: stop at its close.
      if (status === 101 && parseServerFrames(received).some((f) => f.opcode === 0x8)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(upgradeRequest(port, `/ws?token=${token}`));
  });
}

export function upgradeRequest(port: number, target: string, extraHeaders = ''): string {
  return (
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
    'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extraHeaders}\r\n`
  );
}

/** Unmasked server frames, as many as arrived whole. */
export function parseServerFrames(data: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let offset = 0;
  while (offset + 2 <= data.length) {
    let length = data[offset + 1]! & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      if (start + 2 > data.length) break;
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > data.length) break;
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > data.length) break;
    frames.push({ opcode: data[offset]! & 0x0f, payload: data.subarray(start, start + length) });
    offset = start + length;
  }
  return frames;
}
