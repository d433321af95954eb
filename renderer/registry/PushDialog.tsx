/** Push… : the open version to `oci://HOST[:PORT]/REPO:TAG`, with plain HTTP and an optional login. */
import { useState } from 'react';
import { useRegistry } from '../app-stores';
import { Dialog } from '../shell/Dialog';
import { isLoopback, suggestReference } from './digest';
import { settleLogin } from './keychain';
import { RegistryAccessFields } from './RegistryAccessFields';
import type { RegistryAccess } from './registry-store';

export function PushDialog({
  model,
  version,
  onClose,
}: {
  model: string;
  version: string;
  onClose: () => void;
}) {
  const { address, push } = useRegistry();
  const [reference, setReference] = useState(suggestReference(address || '127.0.0.1:5000', model, version));
  const [access, setAccess] = useState<RegistryAccess>({ plainHttp: isLoopback(reference) });
  const valid = /^oci:\/\/[^/]+\/.+:[\w][\w.-]{0,127}$/.test(reference.trim());
  const submit = () => {
    onClose();
    void settleLogin(reference.trim(), access);
    void push(reference.trim(), access);
  };
  return (
    <Dialog title={`Push ${model} ${version}`} onClose={onClose}>
      <form
        aria-label="Push"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) submit();
        }}
      >
        <label className="field-label" htmlFor="push-reference">
          Registry address
        </label>
        <input
          id="push-reference"
          className="reference-input"
          value={reference}
          spellCheck={false}
          onChange={(e) => setReference(e.target.value)}
        />
        <p className="muted small">
          <code>oci://HOST[:PORT]/REPOSITORY:TAG</code> — the tag names this version; the registry also keeps
          it by its digest.
        </p>
        <RegistryAccessFields reference={reference} access={access} onChange={setAccess} />
        <div className="row dialog-actions">
          <span className="grow" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            Push
          </button>
        </div>
      </form>
    </Dialog>
  );
}
