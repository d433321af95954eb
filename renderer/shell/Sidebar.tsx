/** The narrow capability list on the left; Ctrl/⌘+1…8 reach the same views. */
import { capabilities } from './capabilities';
import { useUi } from './ui-store';

export function Sidebar() {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  return (
    <nav className="sidebar" aria-label="Capabilities">
      <div className="brand" title="Assay">
        <span className="brand-mark">◈</span>
        <span className="brand-name">Assay</span>
      </div>
      <ul>
        {capabilities.map((c, index) => (
          <li key={c.id}>
            <button
              type="button"
              className={c.id === view ? 'nav-item active' : 'nav-item'}
              aria-current={c.id === view ? 'page' : undefined}
              title={`${c.label} (Ctrl+${index + 1})`}
              onClick={() => setView(c.id)}
            >
              <span className="nav-icon" aria-hidden="true">
                {c.icon}
              </span>
              <span className="nav-label">{c.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
