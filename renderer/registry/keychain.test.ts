/**
 * The Registry view's keychain helpers: the host of an address, and what starting a push or
 * pull does with the login — remembered when ticked, forgotten when unticked, nothing in
 * browser mode (no `window.assay`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeychainBridge } from '../../shared/bridge';
import { referenceHost, settleLogin } from './keychain';

test('the host of an oci:// address', () => {
  assert.equal(
    referenceHost('oci://Registry.Example.com:5000/models/churn:1.0.0'),
    'registry.example.com:5000',
  );
  assert.equal(referenceHost('oci://ghcr.io'), undefined);
  assert.equal(referenceHost('https://ghcr.io/x'), undefined);
});

test('a login is remembered when ticked, forgotten when unticked, untouched in browser mode', async () => {
  const kept = new Map<string, { username: string; password: string }>();
  const chain: KeychainBridge = {
    status: () => Promise.resolve({ ok: true, value: { available: true, hosts: [...kept.keys()] } }),
    get: (host) => Promise.resolve({ ok: true, value: kept.get(host) ?? null }),
    remember: (host, login) => (kept.set(host, login), Promise.resolve({ ok: true, value: null })),
    forget: (host) => (kept.delete(host), Promise.resolve({ ok: true, value: null })),
  };
  const ref = 'oci://ghcr.io/acme/churn:1.0.0';
  const login = { username: 'u', password: 'p' };
  assert.equal(await settleLogin(ref, { ...login, remember: true }), null);
  assert.equal(kept.size, 0, 'no window.assay: browser mode remembers nothing');
  const g = globalThis as { window?: unknown };
  g.window = { assay: { keychain: chain } };
  try {
    await settleLogin(ref, { ...login, remember: true });
    assert.deepEqual(kept.get('ghcr.io'), login);
    await settleLogin(ref, { ...login });
    assert.ok(kept.has('ghcr.io'), 'untouched when the box was never ticked');
    await settleLogin(ref, { ...login, remember: false });
    assert.equal(kept.has('ghcr.io'), false);
  } finally {
    delete g.window;
  }
});
