/**
 * The Electron IPC adapter, exercised through an `ipcMain`-shaped registry (the Electron
 * runtime cannot run here): every contract method gets a handler, calls from the app's
 * own top frame round-trip, other senders are refused, and events reach the windows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMethods } from '../../shared/api';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { bindIpc, type IpcInvokeEventLike, type IpcMainLike, type WebContentsLike } from './ipc';
import { withTempEngine } from '../testing/temp-engine';

type Listener = (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>;

class IpcRegistry implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    assert.ok(!this.handlers.has(channel), `one handler per channel (${channel})`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(
    method: string,
    payload: unknown,
    frame: IpcInvokeEventLike['senderFrame'],
  ): Promise<Result<unknown>> {
    return this.handlers.get(IPC_CALL_PREFIX + method)!({ senderFrame: frame }, payload) as Promise<
      Result<unknown>
    >;
  }
}

const appFrame = { url: 'app://assay/index.html', parent: null };

describe('Electron IPC adapter', () => {
  it('binds every method, round-trips calls and errors, and unbinds', async () => {
    await withTempEngine(async (engine) => {
      const ipc = new IpcRegistry();
      const unbind = bindIpc(ipc, engine, () => []);
      assert.equal(ipc.handlers.size, apiMethods.length);

      const info = await ipc.invoke('app.info', {}, appFrame);
      assert.ok(info.ok && (info.value as { version: string }).version);
      const bad = await ipc.invoke('workspace.open', { path: '' }, appFrame);
      assert.ok(!bad.ok && bad.error.code === 'BAD_REQUEST' && /Give the folder/.test(bad.error.message));

      unbind();
      assert.equal(ipc.handlers.size, 0);
    });
  });

  it('refuses calls from other origins and from sub-frames', async () => {
    await withTempEngine(async (engine) => {
      const ipc = new IpcRegistry();
      bindIpc(ipc, engine, () => []);
      for (const frame of [
        { url: 'https://evil.example/', parent: null },
        { url: 'app://assay/index.html', parent: {} },
        { url: 'app://assay.evil/', parent: null },
        null,
      ]) {
        const result = await ipc.invoke('workspace.info', {}, frame);
        assert.ok(
          !result.ok && /only from the Assay window/.test(result.error.message),
          JSON.stringify(frame),
        );
      }
    });
  });

  it('sends engine events to every live window on one channel', async () => {
    await withTempEngine(async (engine) => {
      const sent: unknown[][] = [];
      const live: WebContentsLike = { send: (...args) => sent.push(args), isDestroyed: () => false };
      const dead: WebContentsLike = { send: () => assert.fail('destroyed window'), isDestroyed: () => true };
      bindIpc(new IpcRegistry(), engine, () => [live, dead]);
      engine.events.emit('app.command', { command: 'jobs.toggle' });
      assert.deepEqual(sent, [[IPC_EVENT_CHANNEL, 'app.command', { command: 'jobs.toggle' }]]);
    });
  });
});
