/**
 * Hostile input against the real `assay serve` process: malformed cookies, request
 * targets and HTTP, every kind of bad WebSocket frame, forged wire frames, a client that
 * never reads, and a stop signal mid-query. After each, the process must still be alive
 * and answering other clients; each input gets its answer on its own connection only.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { encodeMessage } from '../../shared/wire';
import { cookieName } from './access-control';
import { clientFrame, rawHttp, rawWebSocket, statusOf, upgradeRequest } from './testing/raw-clients';
import { assertStillServing, startServeProcess, type ServeProcess } from './testing/serve-process';
import { slowReaderIsDropped } from './testing/slow-reader';

const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const CLOSE = 0x8;
const PING = 0x9;
const MiB = 2 ** 20;

/** One hostile input: sends it and checks the answer that connection got. */
type Case = [name: string, run: (server: ServeProcess) => Promise<void>];

const get = (s: ServeProcess, target: string, headers = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${headers}\r\n`;
const cookie = (s: ServeProcess, value: string) => `Cookie: ${cookieName(s.port)}=${value}\r\n`;
const post = (s: ServeProcess, target: string, header: string, body: string) =>
  `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nOrigin: http://127.0.0.1:${s.port}\r\n` +
  `${cookie(s, s.token)}${header}\r\n\r\n${body}`;

function httpCase(name: string, request: (s: ServeProcess) => string, status: number): Case {
  return [name, async (s) => assert.equal(statusOf(await rawHttp(s.port, request(s))), status)];
}

const BAD_COOKIES: Case[] = ['%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', '%FF%FE', '%%%'].map((value) =>
  httpCase(`Cookie: assay_token_<port>=${value}`, (s) => get(s, '/', cookie(s, value)), 401),
);

const BAD_TARGETS: Case[] = [
  ...['http://[', 'http://[::1', 'https://[/', '//[', 'http://%zz/', 'http://x:99999/'].map((target) =>
    httpCase(`GET ${target} with the token cookie`, (s) => get(s, target, cookie(s, s.token)), 400),
  ),
  httpCase('GET http://[/?token=<token>', (s) => get(s, `http://[/?token=${s.token}`), 400),
  httpCase(
    'a WebSocket upgrade to http://[',
    (s) => upgradeRequest(s.port, 'http://[', cookie(s, s.token)),
    400,
  ),
];

const MALFORMED_HTTP: Case[] = [
  httpCase('bytes that are not HTTP', () => '\x00\x01\x02 garbage\r\n\r\n', 400),
  httpCase('a space inside the request target', (s) => get(s, '/a b'), 400),
  httpCase('an unknown HTTP version', () => 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 400),
  httpCase('a header line with no colon', (s) => get(s, '/', 'NoColonHere\r\n'), 400),
  httpCase('a control character in a header', (s) => get(s, '/', 'X-Bad: a\x01b\r\n'), 400),
  httpCase('100 KB of headers', (s) => get(s, '/', `X-Big: ${'a'.repeat(100_000)}\r\n`), 431),
  httpCase(
    'a chunk size that is not hex',
    (s) => post(s, '/upload?name=x.csv', 'Transfer-Encoding: chunked', 'zz\r\n'),
    400,
  ),
  ['an upload whose body breaks off leaves nothing in the workspace', brokenUpload],
];

async function brokenUpload(s: ServeProcess): Promise<void> {
  const socket = net.connect(s.port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(post(s, '/upload?name=cut.csv', 'Content-Length: 1000', 'a,b\n1,2\n'));
  await sleep(300);
  socket.resetAndDestroy();
  await sleep(300);
  const uploads = path.join(s.workspaceDir, 'uploads');
  assert.deepEqual(fs.existsSync(uploads) ? fs.readdirSync(uploads) : [], [], 'no partial upload is kept');
}

function frameCase(name: string, frames: () => Buffer[], code: number): Case {
  return [
    name,
    async (s) => {
      const outcome = await rawWebSocket(s.port, s.token, frames());
      assert.equal(outcome.status, 101);
      assert.equal(outcome.closeCode, code);
    },
  ];
}

const BAD_FRAMES: Case[] = [
  frameCase('text that is not UTF-8', () => [clientFrame(TEXT, Buffer.from([0xff, 0xfe]))], 1007),
  frameCase(
    'text with an overlong UTF-8 encoding',
    () => [clientFrame(TEXT, Buffer.from([0xc0, 0xaf]))],
    1007,
  ),
  frameCase('a length header of 1 TiB', () => [clientFrame(BINARY, '', { declaredLength: 2 ** 40 })], 1009),
  frameCase(
    'a length header of 2^63 - 1',
    () => [clientFrame(TEXT, '', { declaredLength: 2n ** 63n - 1n })],
    1009,
  ),
  frameCase(
    'a length header just over 16 MiB',
    () => [clientFrame(TEXT, '', { declaredLength: 16 * MiB + 1 })],
    1009,
  ),
  frameCase(
    'fragments that add up to over 16 MiB',
    () => [
      clientFrame(BINARY, Buffer.alloc(9 * MiB), { fin: false }),
      clientFrame(CONTINUATION, '', { declaredLength: 9 * MiB }),
    ],
    1009,
  ),
  frameCase('an unmasked client frame', () => [clientFrame(TEXT, '{}', { mask: false })], 1002),
  ...[0x3, 0x7, 0xb, 0xf].map((opcode) =>
    frameCase(`reserved opcode 0x${opcode.toString(16)}`, () => [clientFrame(opcode, 'x')], 1002),
  ),
  frameCase('RSV1 set with no extension agreed', () => [clientFrame(TEXT, 'x', { rsv1: true })], 1002),
  frameCase('a fragmented ping', () => [clientFrame(PING, 'x', { fin: false })], 1002),
  frameCase('a ping longer than 125 bytes', () => [clientFrame(PING, 'x'.repeat(126))], 1002),
  frameCase('a continuation with nothing to continue', () => [clientFrame(CONTINUATION, 'x')], 1002),
  frameCase('a close frame with code 999', () => [clientFrame(CLOSE, Buffer.from([0x03, 0xe7]))], 1002),
];

const goodBinaryCall = () =>
  Buffer.from(
    encodeMessage({ type: 'call', id: 1, method: 'app.info', request: { x: new Uint8Array([1, 2]) } }),
  );
const patched = (offset: (frame: Buffer) => number, value: number) => () => {
  const frame = goodBinaryCall();
  frame.writeUInt32LE(value, offset(frame));
  return frame;
};

function forgedCase(name: string, message: () => Buffer | string): Case {
  return [
    name,
    async (s) => {
      const data = message();
      const frame = typeof data === 'string' ? clientFrame(TEXT, data) : clientFrame(BINARY, data);
      const outcome = await rawWebSocket(s.port, s.token, [frame]);
      const fatal = outcome.frames.find((f) => f.opcode === TEXT);
      assert.match(fatal?.payload.toString() ?? '', /"type":"fatal"/);
      assert.equal(outcome.closeCode, 1007);
    },
  ];
}

const FORGED_MESSAGES: Case[] = [
  forgedCase(
    'a header length past the end',
    patched(() => 0, 0xfffffff0),
  ),
  forgedCase(
    'a part length past the end',
    patched((f) => 4 + f.readUInt32LE(0), 1_000_000),
  ),
  forgedCase('a frame cut inside its part', () => goodBinaryCall().subarray(0, -1)),
  forgedCase('a part the header never names', () =>
    Buffer.concat([goodBinaryCall(), Buffer.from([1, 0, 0, 0, 9])]),
  ),
  forgedCase(
    'a reference to a part that is not there',
    () => '{"type":"call","id":1,"method":"app.info","request":{"__assay_bin":0}}',
  ),
  forgedCase('text that is not JSON', () => 'not json at all'),
  forgedCase('JSON that is not a call', () => '{"type":"call","id":"one","method":"app.info"}'),
];

const SLOW_READER: Case[] = [
  [
    'a client that never reads its answers is dropped',
    async (s) => assert.ok(await slowReaderIsDropped(s.port, s.token), 'the slow reader was kept'),
  ],
];

describe('hardening: nothing a client sends stops the server', () => {
  let server: ServeProcess | undefined;
  // A case that kills the process fails, and the next one gets a fresh server.
  beforeEach(async () => {
    if (!server?.alive()) server = await startServeProcess();
  });
  after(async () => server?.kill());

  const classes: Array<[string, Case[]]> = [
    ['cookies that do not percent-decode get 401', BAD_COOKIES],
    ['request targets that do not parse get 400', BAD_TARGETS],
    ['malformed HTTP gets 400 or 431 on its own connection', MALFORMED_HTTP],
    ['bad WebSocket frames close that connection with 1002, 1007 or 1009', BAD_FRAMES],
    ['forged messages are answered with fatal and closed with 1007', FORGED_MESSAGES],
    ['send queues are capped', SLOW_READER],
  ];
  for (const [title, cases] of classes) {
    describe(title, () => {
      for (const [name, run] of cases) {
        it(`${name}, and the server still answers others`, async () => {
          await run(server!);
          await assertStillServing(server!);
        });
      }
    });
  }
});

describe('hardening: a stop signal ends the server promptly', () => {
  let server: ServeProcess;
  before(async () => (server = await startServeProcess()));
  after(async () => server.kill());

  it('exits within 3 s of SIGTERM while a query runs', async () => {
    const query = await startLongQuery(server);
    await sleep(500);
    assert.equal(query.answered(), false, 'the query is still running when the signal arrives');
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const code = await Promise.race([server.exited, sleep(5000).then(() => 'timeout' as const)]);
    const took = Date.now() - signalled;
    query.socket.destroy();
    assert.notEqual(code, 'timeout', 'the server ignored SIGTERM');
    assert.ok(took < 3000, `stopping took ${took} ms`);
    assert.equal(code, 0);
  });
});

async function startLongQuery(server: ServeProcess) {
  const socket = net.connect(server.port, '127.0.0.1');
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.write(upgradeRequest(server.port, `/ws?token=${server.token}`));
  await sleep(200);
  const sql = 'SELECT count(*) FROM range(1000000000000)';
  const call = encodeMessage({ type: 'call', id: 7, method: 'sql.run', request: { sql } }) as string;
  socket.write(clientFrame(TEXT, call));
  return { socket, answered: () => received.includes('"id":7') };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
