/** Asks before the archive is emptied: that deletes its runs and their models for good. */
import { Dialog } from '../shell/Dialog';

export function EmptyArchiveConfirm({
  count,
  onCancel,
  onConfirm,
}: {
  count: number;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const runs = `${count} run${count === 1 ? '' : 's'}`;
  return (
    <Dialog title="Empty the archive?" onClose={onCancel}>
      <p>
        This deletes {runs} and {count === 1 ? 'its model' : 'their models'} for good; it cannot be undone.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Delete {runs} for good
        </button>
      </div>
    </Dialog>
  );
}
