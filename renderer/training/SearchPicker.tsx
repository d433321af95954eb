/** Tune one algorithm: grid or random search over candidate values, within a budget. */
import type { AlgorithmInfo } from '../../shared/training';
import { useTrain } from '../app-stores';
import { SearchSpace } from './SearchSpace';
import type { SearchSettings } from './train-store';

export function SearchPicker({ algorithm }: { algorithm: AlgorithmInfo | undefined }) {
  const { search, set } = useTrain();
  if (!algorithm) {
    return (
      <p className="muted small">
        Choose a single algorithm to tune its parameters with grid or random search.
      </p>
    );
  }
  const update = (patch: Partial<SearchSettings>) => set({ search: { ...search, ...patch } });
  return (
    <div className="search-picker">
      <div className="row wrap">
        <label className="row">
          Tune {algorithm.label}
          <select
            aria-label="Search strategy"
            value={search.strategy}
            onChange={(e) => update({ strategy: e.target.value as SearchSettings['strategy'] })}
          >
            <option value="off">no search</option>
            <option value="grid">grid search</option>
            <option value="random">random search</option>
          </select>
        </label>
        {search.strategy !== 'off' && (
          <>
            <label className="row">
              at most
              <input
                className="narrow"
                type="number"
                min={1}
                aria-label="Trials"
                value={search.maxTrials}
                onChange={(e) => update({ maxTrials: Math.max(1, Math.round(Number(e.target.value))) })}
              />
              trials
            </label>
            <label className="row">
              and
              <input
                className="narrow"
                type="number"
                min={1}
                aria-label="Seconds"
                value={search.maxSeconds}
                onChange={(e) => update({ maxSeconds: Math.max(1, Math.round(Number(e.target.value))) })}
              />
              seconds
            </label>
          </>
        )}
      </div>
      {search.strategy !== 'off' && <SearchSpace algorithm={algorithm} search={search} onChange={update} />}
    </div>
  );
}
