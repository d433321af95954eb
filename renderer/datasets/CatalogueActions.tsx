/** A catalogue row's actions: rename, tags, and delete behind a confirmation naming what goes. */
import type { DatasetSummary } from '../../shared/datasets';

interface Props {
  dataset: DatasetSummary;
  confirming: boolean;
  onEdit(kind: 'rename' | 'tags' | 'delete' | null): void;
  onDelete(): void;
}

export function CatalogueActions({ dataset, confirming, onEdit, onDelete }: Props) {
  if (confirming) {
    return (
      <span className="confirm">
        Delete {dataset.name} and its {dataset.versionCount} version
        {dataset.versionCount === 1 ? '' : 's'}?{' '}
        <button type="button" className="danger" onClick={onDelete}>
          Delete
        </button>
        <button type="button" onClick={() => onEdit(null)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <>
      <button type="button" className="ghost" onClick={() => onEdit('rename')}>
        Rename
      </button>
      <button type="button" className="ghost" onClick={() => onEdit('tags')}>
        Tags
      </button>
      <button type="button" className="ghost danger" onClick={() => onEdit('delete')}>
        Delete
      </button>
    </>
  );
}
