/** Pull… : a reference (by tag or digest) into this workspace; "List tags" shows what a repository holds. */
import { useState } from 'react';
import { useRegistry } from '../app-stores';
import { Dialog } from '../shell/Dialog';
import { isLoopback } from './digest';
import { settleLogin } from './keychain';
import { RegistryAccessFields } from './RegistryAccessFields';
import type { RegistryAccess } from './registry-store';

export function PullDialog({ onClose }: { onClose: () => void }) {
  const { address, tags, pull, listTags } = useRegistry();
  const [reference, setReference] = useState(`oci://${address || '127.0.0.1:5000'}/`);
  const [access, setAccess] = useState<RegistryAccess>({ plainHttp: isLoopback(reference) });
  const trimmed = reference.trim();
  const repository = trimmed.replace(/(@sha256:[0-9a-f]*|:[\w][\w.-]*)$/, '');
  const hasRepository = /^oci:\/\/[^/]+\/[^:@]+/.test(trimmed);
  const valid = /^oci:\/\/[^/]+\/.+(:[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/.test(trimmed);
  return (
    <Dialog title="Pull a model version" onClose={onClose}>
      <form
        aria-label="Pull"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          onClose();
          void settleLogin(trimmed, access);
          void pull(trimmed, access);
        }}
      >
        <label className="field-label" htmlFor="pull-reference">
          Reference
        </label>
        <div className="row">
          <input
            id="pull-reference"
            className="reference-input grow"
            value={reference}
            spellCheck={false}
            onChange={(e) => setReference(e.target.value)}
          />
          <button type="button" disabled={!hasRepository} onClick={() => void listTags(repository, access)}>
            List tags
          </button>
        </div>
        <p className="muted small">
          <code>oci://HOST[:PORT]/REPOSITORY:TAG</code> or <code>…@sha256:DIGEST</code>; every blob is
          verified before the version appears here.
        </p>
        {tags && (
          <div className="tags" data-testid="tags">
            <span className="muted small">Tags of {tags.repository}:</span>{' '}
            {tags.tags.length === 0 && <span className="muted small">none</span>}
            {tags.tags.map((tag) => (
              <button
                key={tag}
                type="button"
                className="pill"
                onClick={() => setReference(`${repository}:${tag}`)}
              >
                {tag}
              </button>
            ))}
          </div>
        )}
        <RegistryAccessFields reference={reference} access={access} onChange={setAccess} />
        <div className="row dialog-actions">
          <span className="grow" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            Pull
          </button>
        </div>
      </form>
    </Dialog>
  );
}
