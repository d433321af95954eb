/** Which statistics were estimated rather than computed exactly, and how. */
import type { Profile } from '../../shared/profile';

export function Approximations({
  approximations,
}: {
  approximations: NonNullable<Profile['approximations']>;
}) {
  return (
    <details className="approximations">
      <summary className="muted small">What is approximate ({approximations.length})</summary>
      <ul className="small">
        {approximations.map((a, i) => (
          <li key={i}>
            <strong>{a.stat}</strong>
            {a.columns.length > 0 ? ` (${a.columns.join(', ')})` : ''}: {a.note}
          </li>
        ))}
      </ul>
    </details>
  );
}
