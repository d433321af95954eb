/** Toasts: the sentence of any error, at most five at once, errors shown longer than news. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../shared/errors';
import { createToastStore, reportError } from './toast-store';

describe('toast store', () => {
  it("shows an error's sentence, never more than five toasts", (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const toasts = createToastStore();
    reportError(new ApiError('NOT_FOUND', 'No dataset sales.'), toasts);
    for (let i = 0; i < 5; i += 1) toasts.getState().push('info', `news ${i}`);
    const shown = toasts.getState().toasts.map((toast) => toast.message);
    assert.equal(shown.length, 5);
    assert.equal(shown.includes('No dataset sales.'), false);
  });

  it('keeps an error twelve seconds and news five', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const toasts = createToastStore();
    reportError(new Error('Disk full.'), toasts);
    toasts.getState().push('info', 'Saved.');
    t.mock.timers.tick(5000);
    assert.deepEqual(
      toasts.getState().toasts.map((toast) => toast.message),
      ['Disk full.'],
    );
    t.mock.timers.tick(7000);
    assert.deepEqual(toasts.getState().toasts, []);
  });
});
