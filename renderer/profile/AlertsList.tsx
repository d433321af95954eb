/** The profile's alerts; each names a column and leads to its card. */
import type { Alert } from '../../shared/profile';

export function AlertsList({ alerts, onSelect }: { alerts: Alert[]; onSelect: (column: string) => void }) {
  if (alerts.length === 0) return <p className="muted">No alerts: nothing stands out.</p>;
  return (
    <section className="alerts" aria-label="Alerts">
      <h2>Alerts ({alerts.length})</h2>
      <ul>
        {alerts.map((a, i) => (
          <li key={i} data-testid="alert">
            <span className={`alert-chip ${a.type}`}>{a.type}</span>
            {a.columns[0] ? (
              <button type="button" className="link" onClick={() => onSelect(a.columns[0]!)}>
                {a.message}
              </button>
            ) : (
              <span>{a.message}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
