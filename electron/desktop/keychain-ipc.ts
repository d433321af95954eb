/**
 * The desktop-only keychain channels behind `window.assay.keychain` (shared/bridge.ts): the
 * Registry view asks whether logins can be remembered, reads the one for a registry host,
 * remembers or forgets it. Each call checks the sender frame like the contract's channels and
 * answers a `Result` with one sentence on failure; the login never appears in a log or error.
 */
import { IPC_KEYCHAIN_PREFIX, type KeychainStatus } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import type { CredentialStore, StoredLogin } from './credential-store';
import type { IpcMainLike } from './ipc';
import { isTrustedSender } from './security/navigation-policy';

type Handler = (payload: Record<string, unknown>) => Promise<unknown>;

function text(payload: Record<string, unknown>, field: string): string {
  const value = payload[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > 10_000)
    throw new Error(`The keychain call needs "${field}" as text.`);
  return value;
}

function handlers(store: CredentialStore): Record<string, Handler> {
  return {
    status: async (): Promise<KeychainStatus> => {
      const problem = store.problem();
      return problem
        ? { available: false, reason: problem }
        : { available: true, hosts: await store.hosts() };
    },
    get: async (p): Promise<StoredLogin | null> => (await store.get(text(p, 'host'))) ?? null,
    remember: async (p) =>
      store.remember(text(p, 'host'), { username: text(p, 'username'), password: text(p, 'password') }),
    forget: async (p) => store.forget(text(p, 'host')),
  };
}

export const KEYCHAIN_CALLS = ['status', 'get', 'remember', 'forget'] as const;

export function bindKeychain(ipcMain: IpcMainLike, store: CredentialStore): () => void {
  const table = handlers(store);
  for (const call of KEYCHAIN_CALLS) {
    ipcMain.handle(IPC_KEYCHAIN_PREFIX + call, async (event, payload): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame?.url, frame !== null && frame.parent === null))
        return {
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'Calls are accepted only from the Assay window.' },
        };
      const request =
        typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
      try {
        return { ok: true, value: (await table[call]!(request)) ?? null };
      } catch (error) {
        // Messages here are this module's and the store's own sentences: none carries a login.
        const message = error instanceof Error ? error.message : 'The keychain could not be used.';
        return { ok: false, error: { code: 'INVALID_INPUT', message } };
      }
    });
  }
  return () => {
    for (const call of KEYCHAIN_CALLS) ipcMain.removeHandler(IPC_KEYCHAIN_PREFIX + call);
  };
}
