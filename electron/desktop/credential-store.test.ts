/**
 * Registry logins in the desktop keychain, with a real cipher standing in for Electron's
 * `safeStorage` (AES-256-GCM from node:crypto with a key that never touches the disk):
 * logins round-trip per host, the file on disk holds no user name or password in clear and is
 * readable by its owner only, a computer without a keychain refuses to remember, a login
 * sealed under another key reads as absent, and the IPC channels refuse other senders.
 */
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { IPC_KEYCHAIN_PREFIX } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { tempDir } from '../testing/temp-engine';
import { CREDENTIALS_FILE, CredentialStore, type StringCipher } from './credential-store';
import type { IpcInvokeEventLike, IpcMainLike } from './ipc';
import { bindKeychain } from './keychain-ipc';

/** safeStorage's shape over AES-256-GCM: iv ‖ tag ‖ ciphertext. */
function aesCipher(key = randomBytes(32), backend = 'gnome_libsecret'): StringCipher {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const login = { username: 'ci-robot', password: 'hunter2-Zq9!unusual' };

test('remembers a login per host, encrypted: the file holds no clear text', async () => {
  const dir = tempDir('assay-keychain-');
  try {
    const store = new CredentialStore(dir, aesCipher());
    assert.equal(store.problem(), null);
    await store.remember('Registry.Example.com:5000', login);
    await store.remember('ghcr.io', { username: 'other', password: 'second-secret' });
    assert.deepEqual(await store.get('registry.example.com:5000'), login);
    assert.deepEqual(await store.hosts(), ['ghcr.io', 'registry.example.com:5000']);
    const file = path.join(dir, CREDENTIALS_FILE);
    const onDisk = fs.readFileSync(file);
    for (const secret of [login.username, login.password, 'second-secret', 'hunter2'])
      assert.equal(onDisk.includes(secret), false, `${secret} is on disk in clear`);
    // Nor as base64 or hex of the clear text.
    const b64 = Buffer.from(login.password).toString('base64').slice(0, 12);
    assert.equal(onDisk.includes(b64), false);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o077, 0);
    await store.forget('registry.example.com:5000');
    assert.equal(await store.get('registry.example.com:5000'), undefined);
    assert.deepEqual(await store.hosts(), ['ghcr.io']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without a keychain nothing is remembered, and another key reads as absent', async () => {
  const dir = tempDir('assay-keychain-');
  try {
    const none: StringCipher = { ...aesCipher(), isEncryptionAvailable: () => false };
    await assert.rejects(new CredentialStore(dir, none).remember('ghcr.io', login), /no keychain/);
    const basic = new CredentialStore(dir, aesCipher(randomBytes(32), 'basic_text'));
    assert.match(String(basic.problem()), /GNOME Keyring or KWallet/);
    await assert.rejects(basic.remember('ghcr.io', login), /does not remember/);
    assert.equal(fs.existsSync(path.join(dir, CREDENTIALS_FILE)), false);
    await new CredentialStore(dir, aesCipher()).remember('ghcr.io', login);
    assert.equal(await new CredentialStore(dir, aesCipher()).get('ghcr.io'), undefined);
    await assert.rejects(
      new CredentialStore(dir, aesCipher()).remember('not a host/x', login),
      /not a registry host/,
    );
    fs.writeFileSync(
      path.join(dir, CREDENTIALS_FILE),
      '{"format": "assay-registry-logins/1", "logins": {"__proto__": 1}}',
    );
    assert.deepEqual(await new CredentialStore(dir, aesCipher()).hosts(), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

type Listener = (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>;

test('the keychain channels answer the app window only', async () => {
  const dir = tempDir('assay-keychain-');
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const call = (name: string, payload: unknown, url = 'app://assay/index.html'): Promise<Result<unknown>> =>
    handlers.get(IPC_KEYCHAIN_PREFIX + name)!({ senderFrame: { url, parent: null } }, payload) as Promise<
      Result<unknown>
    >;
  try {
    const unbind = bindKeychain(ipc, new CredentialStore(dir, aesCipher()));
    assert.deepEqual(await call('remember', { host: 'ghcr.io', ...login }), { ok: true, value: null });
    assert.deepEqual(await call('get', { host: 'ghcr.io' }), { ok: true, value: login });
    assert.deepEqual(await call('status', {}), { ok: true, value: { available: true, hosts: ['ghcr.io'] } });
    const foreign = await call('get', { host: 'ghcr.io' }, 'https://evil.example/');
    assert.ok(!foreign.ok && !JSON.stringify(foreign).includes(login.password));
    const bad = await call('remember', { host: 'ghcr.io', username: 'x' });
    assert.ok(!bad.ok && /"password"/.test(bad.error.message));
    unbind();
    assert.equal(handlers.size, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
