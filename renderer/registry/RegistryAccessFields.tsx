/**
 * How to reach a registry, shared by Push and Pull: plain HTTP (offered for a registry on
 * this computer) and an optional login, kept only in the form's memory for this call.
 */
import type { RegistryAccess } from './registry-store';

export function RegistryAccessFields({
  access,
  onChange,
}: {
  access: RegistryAccess;
  onChange: (access: RegistryAccess) => void;
}) {
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
      <p className="muted small">
        Leave empty for an anonymous registry. The login is used for this call only and never saved.
      </p>
    </fieldset>
  );
}
