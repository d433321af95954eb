/**
 * Every method of the contract is wired everywhere it must be: a schema that validates
 * its requests, a handler in the engine's table, and a function on the desktop bridge.
 * The compiler checks the types; this checks the objects that exist at run time, so a
 * slice left out of the engine's table or a spread that drops a key still fails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMethods, isApiMethod, requestSchemas } from '../../../shared/api';
import { IPC_CALL_PREFIX, bridgeMethods } from '../../../shared/bridge';
import { eventNames, isEventName } from '../../../shared/events';
import { withTempEngine } from '../../testing/temp-engine';

describe('the contract is complete in every layer', () => {
  it('has a zod schema for every method, and no schema without a method', () => {
    assert.ok(apiMethods.length > 0);
    for (const method of apiMethods) {
      assert.equal(typeof requestSchemas[method]?.safeParse, 'function', `schema of ${method}`);
    }
    assert.deepEqual(Object.keys(requestSchemas).sort(), [...apiMethods].sort());
  });

  it('has one engine handler per method and no handler outside the contract', async () => {
    await withTempEngine(async (engine) => {
      const handlers: Record<string, unknown> = engine.handlers;
      const missing = apiMethods.filter((method) => typeof handlers[method] !== 'function');
      assert.deepEqual(missing, [], 'methods without a handler');
      const extra = Object.keys(handlers).filter((name) => !isApiMethod(name));
      assert.deepEqual(extra, [], 'handlers without a method');
    });
  });

  it('gives the desktop bridge a function per method that invokes its own channel', async () => {
    const invoked: string[] = [];
    const methods: Record<string, unknown> = bridgeMethods((channel) => {
      invoked.push(channel);
      return Promise.resolve({ ok: true, value: null });
    });
    assert.deepEqual(Object.keys(methods).sort(), [...apiMethods].sort());
    for (const method of apiMethods) await (methods[method] as (request: unknown) => Promise<unknown>)({});
    assert.deepEqual(
      invoked,
      apiMethods.map((method) => IPC_CALL_PREFIX + method),
    );
  });

  it('knows each event name once', () => {
    assert.equal(new Set(eventNames).size, eventNames.length);
    assert.ok(eventNames.every(isEventName));
    assert.equal(isEventName('toString'), false);
  });
});
