/**
 * Registry credentials remembered by the desktop app, one login per registry host, in a file
 * under the app's user-data folder (never in a workspace). Each login is encrypted with the
 * OS keychain through Electron's `safeStorage`, which is passed in as a `StringCipher` so this
 * module runs (and is tested) without Electron; the file holds host names in clear and the
 * rest as ciphertext. Nothing here logs a credential. See docs/architecture.md ("Model
 * registry", credentials).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The part of Electron's `safeStorage` this store uses. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: "basic_text" means no keychain, only a fixed key — not good enough. */
  getSelectedStorageBackend?(): string;
}

export interface StoredLogin {
  username: string;
  password: string;
}

interface StoreFile {
  format: 'assay-registry-logins/1';
  /** Host ("registry.example.com:5000") → base64 of the encrypted JSON login. */
  logins: Record<string, string>;
}

export const CREDENTIALS_FILE = 'registry-logins.json';

/** Why this computer cannot keep logins safely, or null when it can. */
export function keychainProblem(cipher: StringCipher): string | null {
  if (!cipher.isEncryptionAvailable())
    return 'This computer offers no keychain to encrypt with, so Assay does not remember registry logins; enter them each time.';
  if (cipher.getSelectedStorageBackend?.() === 'basic_text')
    return 'No keychain (GNOME Keyring or KWallet) is running, so Assay does not remember registry logins; enter them each time.';
  return null;
}

/** "host[:port]" in lower case; refuses anything else with a sentence. */
export function registryHost(host: string): string {
  const h = host.trim().toLowerCase();
  if (!/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(h) || h.length > 260)
    throw new Error(`"${host.slice(0, 80)}" is not a registry host (HOST or HOST:PORT).`);
  return h;
}

export class CredentialStore {
  private readonly file: string;

  constructor(
    userDataDir: string,
    private readonly cipher: StringCipher,
  ) {
    this.file = path.join(userDataDir, CREDENTIALS_FILE);
  }

  /** Null when logins can be remembered here; otherwise the sentence saying why not. */
  problem(): string | null {
    return keychainProblem(this.cipher);
  }

  async hosts(): Promise<string[]> {
    return Object.keys((await this.read()).logins).sort();
  }

  /** The remembered login for `host`; undefined when none (or it no longer decrypts). */
  async get(host: string): Promise<StoredLogin | undefined> {
    const sealed = (await this.read()).logins[registryHost(host)];
    if (!sealed || this.problem()) return undefined;
    try {
      const login = JSON.parse(this.cipher.decryptString(Buffer.from(sealed, 'base64'))) as StoredLogin;
      return typeof login.username === 'string' && typeof login.password === 'string' ? login : undefined;
    } catch {
      // Encrypted under another user or keychain: as good as absent.
      return undefined;
    }
  }

  async remember(host: string, login: StoredLogin): Promise<void> {
    const problem = this.problem();
    if (problem) throw new Error(problem);
    if (!login.username || !login.password)
      throw new Error('Give both a user name and a password to remember.');
    const store = await this.read();
    const sealed = this.cipher.encryptString(
      JSON.stringify({ username: login.username, password: login.password }),
    );
    store.logins[registryHost(host)] = sealed.toString('base64');
    await this.write(store);
  }

  async forget(host: string): Promise<void> {
    const store = await this.read();
    delete store.logins[registryHost(host)];
    await this.write(store);
  }

  private async read(): Promise<StoreFile> {
    const empty: StoreFile = { format: 'assay-registry-logins/1', logins: {} };
    let parsed: Partial<StoreFile>;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<StoreFile>;
    } catch {
      return empty;
    }
    if (parsed.format !== empty.format || typeof parsed.logins !== 'object' || parsed.logins === null)
      return empty;
    const logins: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [host, sealed] of Object.entries(parsed.logins))
      if (typeof sealed === 'string') logins[host] = sealed;
    return { ...empty, logins };
  }

  /** Written beside and renamed over, readable by this user only. */
  private async write(store: StoreFile): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
