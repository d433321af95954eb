/**
 * Test support: `assay serve` as a real child process on a fresh workspace, and the two
 * checks that say it is still serving other clients after something hostile: an HTTP
 * request with the token, and an `app.info` call over a WebSocket.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage, type ServerMessage } from '../../../shared/wire';
import { rendererDir } from '../../engine/index';
import { CLI_ENTRY } from '../../testing/run-assay';
import { tempDir } from '../../testing/temp-engine';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  token: string;
  workspaceDir: string;
  stderr(): string;
  alive(): boolean;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  exited: Promise<number | null>;
  kill(): Promise<void>;
}

export async function startServeProcess(): Promise<ServeProcess> {
  const workspaceDir = tempDir('assay-hardening-');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI_ENTRY, '--workspace', workspaceDir, 'serve'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)\n/.exec(stdout);
      if (match) resolve({ port: Number(match[1]), token: match[2]! });
    });
    void exited.then((code) => reject(new Error(`serve exited at start with ${code}: ${stderr}`)));
  });
  return {
    child,
    ...address,
    workspaceDir,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      fs.rmSync(workspaceDir, { recursive: true, force: true });
    },
  };
}

/** Throws unless the server is alive and answers a fresh HTTP client and a fresh WebSocket client. */
export async function assertStillServing(server: ServeProcess): Promise<void> {
  assert.ok(server.alive(), `the server process ended:\n${server.stderr()}`);
  const response = await fetch(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  // The token is accepted either way; without a built UI the answer is 503 instead of the app.
  const built = fs.existsSync(path.join(rendererDir(), 'index.html'));
  assert.equal(response.status, built ? 200 : 503, 'another client gets its HTTP answer');
  await response.arrayBuffer();
  const info = await callOverWebSocket(server, 'app.info', {});
  assert.ok(info.ok, 'another client gets its app.info answer');
}

/** One call over a well-behaved WebSocket client (the `ws` package), answered or rejected. */
export async function callOverWebSocket(
  server: ServeProcess,
  method: string,
  request: unknown,
  timeoutMs = 10_000,
): Promise<Extract<ServerMessage, { type: 'result' }>['result']> {
  const origin = `http://127.0.0.1:${server.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} was not answered`)), timeoutMs);
      socket.once('error', reject);
      socket.once('open', () => socket.send(encodeMessage({ type: 'call', id: 1, method, request })));
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        const message = decodeMessage(isBinary ? new Uint8Array(data) : data.toString()) as ServerMessage;
        if (message.type === 'result' && message.id === 1) {
          clearTimeout(timer);
          resolve(message.result);
        }
      });
    });
  } finally {
    socket.terminate();
  }
}
