/**
 * The training table a join made: its rows and columns, and for each set the share of
 * label rows it matched as a bar (a low share says the set's rows start too late, its
 * entities differ, or its ttl is short), with "Train on it", which opens the table in
 * Train with the sets' features chosen and the label column as the target.
 */
import type { FeatureJoinResult } from '../../shared/features/feature-sets';
import { formatCount } from '../../shared/format';
import { useFeatures } from '../app-stores';
import { openInTrain } from './open-in-train';

/** A ttl in seconds as people write it: the largest whole unit. */
export function formatTtl(seconds: number | null): string {
  if (seconds === null) return 'no ttl';
  const units: Array<[number, string]> = [
    [604_800, 'w'],
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
  ];
  const [size, unit] = units.find(([size]) => seconds % size === 0) ?? [1, 's'];
  return `ttl ${seconds / size}${unit}`;
}

const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;

export function JoinResult({ result }: { result: FeatureJoinResult }) {
  const join = useFeatures((s) => s.join);
  // The label columns that are neither key nor time: with exactly one, it is the target.
  const labelColumns = (join.labels?.columns ?? [])
    .map((c) => c.name)
    .filter((c) => !join.entity.includes(c) && c !== join.timeColumn);
  const target = labelColumns.length === 1 ? labelColumns[0] : undefined;
  const train = () =>
    openInTrain({
      version: result.version,
      label: result.label,
      features: result.sets.flatMap((s) => s.columns),
      ...(target ? { target } : {}),
    });
  return (
    <div className="join-result" data-testid="join-result">
      <h3>Made {result.label}</h3>
      <p className="small" data-testid="join-facts">
        {formatCount(result.rows)} rows, {result.columns} columns · {(result.durationMs / 1000).toFixed(1)} s
      </p>
      <ul className="join-matches">
        {result.sets.map((s) => (
          <li key={s.name} data-testid="join-match" data-set={s.name}>
            <span className="join-match-name">
              <code>
                {s.name}@{s.version}
              </code>{' '}
              <span className="muted small">
                {formatTtl(s.ttlSeconds)} · {s.columns.length} features
              </span>
            </span>
            <span className="join-share-bar" aria-hidden="true">
              <span style={{ width: `${s.matchedShare * 100}%` }} />
            </span>
            <span className="small num" data-testid="join-matched">
              {percent(s.matchedShare)} matched ({formatCount(s.matchedRows)} of {formatCount(result.rows)})
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small">Unmatched label rows are in the table with empty features.</p>
      <button type="button" className="primary" onClick={train}>
        Train on {result.label} →
      </button>
    </div>
  );
}
