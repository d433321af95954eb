/** Every column ranked by how strongly it is associated with the chosen target. */
import type { Profile } from '../../shared/profile';

export function TargetRanking({ target }: { target: NonNullable<Profile['target']> }) {
  return (
    <section className="target-ranking" aria-label="Association with the target">
      <h3>Association with {target.column}</h3>
      <ol>
        {target.ranking.map((r) => (
          <li key={r.column}>
            <span className="truncate" title={r.column}>
              {r.column}
            </span>
            <span className="bar">
              <span style={{ width: `${r.strength * 100}%` }} />
            </span>
            <span className="num" title={r.method}>
              {r.strength.toFixed(3)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
