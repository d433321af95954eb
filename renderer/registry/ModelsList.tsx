/** The workspace's models, each with its task, how many versions and the latest one. */
import { useRegistry } from '../app-stores';

export function ModelsList() {
  const { models, model: open, openModel } = useRegistry();
  return (
    <nav className="models-list" aria-label="Models">
      {models.map((m) => (
        <button
          key={m.name}
          type="button"
          className={m.name === open ? 'model-item on' : 'model-item'}
          onClick={() => openModel(m.name)}
        >
          <strong>{m.name}</strong>
          <span className="muted small">
            {m.task} · {m.versions.length} version{m.versions.length === 1 ? '' : 's'} · latest{' '}
            {m.versions[0]?.version ?? '—'}
          </span>
        </button>
      ))}
    </nav>
  );
}
