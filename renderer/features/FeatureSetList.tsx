/** The feature-set catalogue: a search box and one row per set (latest version, entity, time, features, tags). */
import { useFeatures } from '../app-stores';
import { matchingSets } from './sets-slice';

export function FeatureSetList({ onNew, onOpen }: { onNew(): void; onOpen(): void }) {
  const { sets, setsError, query, open } = useFeatures();
  const shown = matchingSets(sets, query);
  const features = useFeatures.getState();
  return (
    <aside className="feature-set-list" aria-label="Feature sets">
      <div className="row">
        <h2 className="grow">Feature sets</h2>
        <button type="button" className="small" onClick={onNew}>
          New…
        </button>
      </div>
      <input
        type="search"
        aria-label="Search feature sets"
        placeholder="Search sets…"
        title="Matches the name, description, tags, owner, entity, time column and features"
        value={query}
        onChange={(e) => features.setQuery(e.target.value)}
      />
      {setsError && (
        <p className="form-error" role="alert">
          {setsError}
        </p>
      )}
      {sets.length === 0 && !setsError && (
        <p className="muted small">No feature sets yet. Build features, then save them as a set.</p>
      )}
      {sets.length > 0 && shown.length === 0 && <p className="muted small">No set matches “{query}”.</p>}
      <ul>
        {shown.map((s) => (
          <li key={s.name}>
            <button
              type="button"
              className={open?.name === s.name ? 'feature-set-item on' : 'feature-set-item'}
              data-testid="feature-set-item"
              onClick={() => {
                onOpen();
                void features.openSet(s.name);
              }}
            >
              <strong>
                {s.name}@{s.latest.version}
              </strong>
              <span className="muted small">
                {s.latest.features.length} features · by {s.latest.entity.join(', ')} at {s.latest.timeColumn}
              </span>
              {s.latest.tags.length > 0 && (
                <span className="small">
                  {s.latest.tags.map((t) => (
                    <span key={t} className="pill">
                      {t}
                    </span>
                  ))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
