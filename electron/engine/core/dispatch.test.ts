import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../shared/errors';
import { withTempEngine } from '../../testing/temp-engine';
import { dispatch } from './dispatch';

describe('dispatch', () => {
  it('answers a valid call with its value', async () => {
    await withTempEngine(async (engine) => {
      const result = await dispatch(engine.handlers, 'app.info', {});
      assert.ok(result.ok);
      assert.equal((result.value as { mode: string }).mode, 'browser');
    });
  });

  it('refuses unknown methods, prototype keys and malformed payloads in one sentence', async () => {
    await withTempEngine(async (engine) => {
      for (const method of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
        const result = await dispatch(engine.handlers, method, {});
        assert.ok(!result.ok && result.error.code === 'BAD_REQUEST', String(method));
      }
      const extra = await dispatch(engine.handlers, 'app.info', { surprise: true });
      assert.ok(!extra.ok && /^Invalid request to app\.info/.test(extra.error.message));
      const wrongType = await dispatch(engine.handlers, 'jobs.cancel', { jobId: 7 });
      assert.ok(!wrongType.ok && /\(jobId\)/.test(wrongType.error.message));
      const notObject = await dispatch(engine.handlers, 'workspace.open', 'a string');
      assert.ok(!notObject.ok && notObject.error.code === 'BAD_REQUEST');
    });
  });

  it('passes ApiErrors through and hides unexpected errors', async () => {
    await withTempEngine(async (engine) => {
      const handlers = {
        ...engine.handlers,
        'app.info': async () => {
          throw new ApiError('CONFLICT', 'A readable sentence.');
        },
        'jobs.list': async () => {
          throw new Error('secret internal detail at /home/x');
        },
      };
      const known = await dispatch(handlers, 'app.info', {});
      assert.deepEqual(!known.ok && known.error, { code: 'CONFLICT', message: 'A readable sentence.' });
      const originalError = console.error;
      console.error = () => undefined;
      const unknown = await dispatch(handlers, 'jobs.list', {}).finally(
        () => (console.error = originalError),
      );
      assert.ok(!unknown.ok && unknown.error.code === 'INTERNAL');
      assert.doesNotMatch(JSON.stringify(unknown), /secret|\/home/);
    });
  });

  it('refuses native dialogs outside the desktop app with a sentence saying what to do', async () => {
    await withTempEngine(async (engine) => {
      await assert.rejects(engine.call('dialog.open', { kind: 'file' }), /type the path/);
    });
  });
});
