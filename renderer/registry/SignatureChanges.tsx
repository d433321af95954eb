/** What changed in a signature between two versions: inputs added, removed or retyped, and the outputs. */
import type { BundleDiff } from '../../shared/bundles';

export function SignatureChanges({ signature }: { signature: BundleDiff['signature'] }) {
  const same =
    !signature.added.length &&
    !signature.removed.length &&
    !signature.changed.length &&
    !signature.outputsChanged;
  return (
    <>
      {same ? (
        <p className="muted">Same inputs and outputs.</p>
      ) : (
        <ul className="signature-changes">
          {signature.added.map((c) => (
            <li key={`+${c.name}`}>
              added <code>{c.name}</code> ({c.type})
            </li>
          ))}
          {signature.removed.map((c) => (
            <li key={`-${c.name}`}>
              removed <code>{c.name}</code> ({c.type})
            </li>
          ))}
          {signature.changed.map((c) => (
            <li key={`~${c.name}`}>
              changed <code>{c.name}</code>: {c.from.type}
              {c.from.nullable ? ', nulls' : ''} → {c.to.type}
              {c.to.nullable ? ', nulls' : ''}
            </li>
          ))}
          {signature.outputsChanged && <li>the outputs changed</li>}
        </ul>
      )}
    </>
  );
}
