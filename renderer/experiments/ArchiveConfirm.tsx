/** Asks before runs leave the table, and says they can be restored from the archive. */
import { Dialog } from '../shell/Dialog';

export function ArchiveConfirm({
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
    <Dialog title={`Delete ${runs}?`} onClose={onCancel}>
      <p>
        {count === 1 ? 'The run moves' : `The ${runs} move`} to the archive, with{' '}
        {count === 1 ? 'its' : 'their'} model{count === 1 ? '' : 's'}. You can restore{' '}
        {count === 1 ? 'it' : 'them'} from “Archived” until you empty the archive.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Delete {runs}
        </button>
      </div>
    </Dialog>
  );
}
