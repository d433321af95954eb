/**
 * Registry logins in the desktop app's keychain (`window.assay.keychain`, docs/architecture.md
 * "Model registry"): read for the host of the address being typed, and remembered — or
 * forgotten — when a push or pull is started with "Remember" ticked. In browser mode there is
 * no keychain, and a login lives only in the open form.
 */
import { useEffect, useState } from 'react';
import type { KeychainBridge, KeychainStatus } from '../../shared/bridge';
import type { RegistryAccess } from './registry-store';

function keychain(): KeychainBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.assay?.keychain;
}

/** "HOST[:PORT]" of an `oci://` reference, lower case; undefined while it has none. */
export function referenceHost(reference: string): string | undefined {
  const m = /^oci:\/\/([^/\s]+)\//i.exec(reference.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The keychain's status (null in browser mode), and the login it has for `reference`'s host. */
export function useKeychain(
  reference: string,
  access: RegistryAccess,
  onChange: (access: RegistryAccess) => void,
): KeychainStatus | null {
  const [status, setStatus] = useState<KeychainStatus | null>(null);
  const host = referenceHost(reference);
  useEffect(() => {
    void keychain()
      ?.status()
      .then((r) => setStatus(r.ok ? r.value : { available: false, reason: r.error.message }));
  }, []);
  const known = status?.available === true && host !== undefined && status.hosts.includes(host);
  useEffect(() => {
    if (!known || !host || access.username) return;
    void keychain()
      ?.get(host)
      .then((r) => {
        if (r.ok && r.value) onChange({ ...access, ...r.value, remember: true });
      });
    // Only a new host fills the form; typing in it must not be overwritten.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [known, host]);
  return status;
}

/** After the user starts a push or pull: keep, replace or drop the host's login as ticked. */
export async function settleLogin(reference: string, access: RegistryAccess): Promise<string | null> {
  const chain = keychain();
  const host = referenceHost(reference);
  if (!chain || !host) return null;
  const result =
    access.remember && access.username && access.password
      ? await chain.remember(host, { username: access.username, password: access.password })
      : access.remember === false
        ? await chain.forget(host)
        : null;
  return result && !result.ok ? result.error.message : null;
}
