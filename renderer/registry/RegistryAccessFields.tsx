/**
 * How to reach a registry, shared by Push and Pull: plain HTTP (offered for a registry on
 * this computer) and an optional login. In the desktop app the login can be remembered in
 * the OS keychain per registry host (keychain.ts); in browser mode it stays in the form only.
 */
import type { KeychainStatus } from '../../shared/bridge';
import { useKeychain } from './keychain';
import type { RegistryAccess } from './registry-store';

function LoginNote({
  status,
  access,
  onChange,
}: {
  status: KeychainStatus | null;
  access: RegistryAccess;
  onChange: (access: RegistryAccess) => void;
}) {
  if (!status)
    return (
      <p className="muted small">
        Leave empty for an anonymous registry. The login is used for this call only and never saved.
      </p>
    );
  if (!status.available) return <p className="muted small">{status.reason}</p>;
  return (
    <label className="row">
      <input
        type="checkbox"
        checked={access.remember ?? false}
        onChange={(e) => onChange({ ...access, remember: e.target.checked })}
      />
      Remember this login for this registry in the system keychain (encrypted; never in the workspace)
    </label>
  );
}

export function RegistryAccessFields({
  reference,
  access,
  onChange,
}: {
  /** The address typed so far: its host chooses the remembered login. */
  reference: string;
  access: RegistryAccess;
  onChange: (access: RegistryAccess) => void;
}) {
  const status = useKeychain(reference, access, onChange);
  return (
    <fieldset className="registry-access">
      <label className="row">
        <input
          type="checkbox"
          checked={access.plainHttp ?? false}
          onChange={(e) => onChange({ ...access, plainHttp: e.target.checked })}
        />
        Plain HTTP (a registry on this computer, or one you trust on your network)
      </label>
      <div className="row">
        <label>
          Username
          <input
            autoComplete="off"
            value={access.username ?? ''}
            onChange={(e) => onChange({ ...access, username: e.target.value })}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="off"
            value={access.password ?? ''}
            onChange={(e) => onChange({ ...access, password: e.target.value })}
          />
        </label>
      </div>
      <LoginNote status={status} access={access} onChange={onChange} />
    </fieldset>
  );
}
