/** The workspaces opened lately, most recent first (the engine leaves out folders that are gone). */

interface RecentWorkspacesProps {
  paths: string[];
  busy: boolean;
  onOpen: (path: string) => void;
}

export function RecentWorkspaces({ paths, busy, onOpen }: RecentWorkspacesProps) {
  if (paths.length === 0) return null;
  return (
    <>
      <h3>Recent</h3>
      <ul className="recent-list" data-testid="recent-workspaces">
        {paths.map((p) => (
          <li key={p}>
            <button type="button" className="link" disabled={busy} onClick={() => onOpen(p)} title={p}>
              {p}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
