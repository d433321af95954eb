import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DesktopBridge } from '../../shared/bridge';
import { ApiError, type Result } from '../../shared/errors';

describe('the UI api client', () => {
  it('loads without a window, so stores that import it run in Node tests', async () => {
    assert.equal(typeof globalThis.window, 'undefined');
    const { api } = await import('./client');
    assert.equal(typeof api.call, 'function');
  });

  it('picks the desktop bridge on first use and turns its failures into ApiErrors', async () => {
    const answers: Record<string, Result<unknown>> = {
      'app.info': { ok: true, value: { version: '1.2.3' } },
      'jobs.cancel': { ok: false, error: { code: 'NOT_FOUND', message: 'No job j1.' } },
    };
    const bridge = new Proxy({} as DesktopBridge, {
      get: (_target, method: string) => () => Promise.resolve(answers[method]),
    });
    Object.assign(globalThis, { window: { assay: bridge } });
    try {
      const { api } = await import('./client');
      assert.deepEqual(await api.call('app.info', {}), { version: '1.2.3' });
      await assert.rejects(
        api.call('jobs.cancel', { jobId: 'j1' }),
        (error) => error instanceof ApiError && error.code === 'NOT_FOUND' && error.message === 'No job j1.',
      );
    } finally {
      Reflect.deleteProperty(globalThis, 'window');
    }
  });
});
