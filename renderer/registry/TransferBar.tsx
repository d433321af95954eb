/** The push, pull or export under way: its stage, a bar, bytes and rate, and a cancel. */
import { useRegistry } from '../app-stores';
import { formatBytes } from '../shell/format';

export function TransferBar() {
  const { transfer, cancelTransfer } = useRegistry();
  if (!transfer) return null;
  const fraction = transfer.total ? transfer.done / transfer.total : transfer.fraction;
  const word = { push: 'Pushing', pull: 'Pulling', export: 'Exporting' }[transfer.kind];
  return (
    <div className="transfer" data-testid="transfer" role="status">
      <div className="row">
        <strong>{word}</strong>
        <code className="grow ref" title={transfer.target}>
          {transfer.target}
        </code>
        <span className="muted small">{transfer.stage}</span>
        <button type="button" className="small" onClick={cancelTransfer}>
          Cancel
        </button>
      </div>
      <div
        className={fraction === null ? 'progress indeterminate' : 'progress'}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div className="progress-fill" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
      </div>
      {transfer.total !== null && (
        <p className="muted small" data-testid="transfer-bytes">
          {formatBytes(transfer.done)} of {formatBytes(transfer.total)}
          {transfer.bytesPerSecond !== null && ` · ${formatBytes(transfer.bytesPerSecond)}/s`}
        </p>
      )}
    </div>
  );
}
