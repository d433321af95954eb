/**
 * One column's card: its semantic and storage type, the counts that matter for its kind,
 * and a chart a person would rather look at than read (see ColumnChart).
 */
import type { Alert, ColumnProfile } from '../../shared/profile';
import { ColumnChart } from './ColumnChart';
import { columnFacts } from './column-facts';

interface ColumnCardProps {
  column: ColumnProfile;
  alerts: Alert[];
  highlighted: boolean;
}

export function ColumnCard({ column, alerts, highlighted }: ColumnCardProps) {
  return (
    <article
      className={highlighted ? 'column-card highlighted' : 'column-card'}
      id={`column-${column.name}`}
      data-testid="column-card"
    >
      <header>
        <h3 className="truncate" title={column.name}>
          {column.name}
        </h3>
        <span className={`type-badge ${column.semanticType}`}>{column.semanticType}</span>
        <code className="muted small">{column.storageType}</code>
      </header>
      {alerts.length > 0 && (
        <ul className="card-alerts">
          {alerts.map((a, i) => (
            <li key={i} className={`alert-chip ${a.type}`} title={a.message}>
              {a.type}
            </li>
          ))}
        </ul>
      )}
      <div className="card-body">
        <dl className="stats">
          {columnFacts(column).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
        </dl>
        <div className="card-chart">
          <ColumnChart column={column} />
        </div>
      </div>
    </article>
  );
}
