/** The search space of a tuned algorithm: candidate values per numeric parameter, as text. */
import type { AlgorithmInfo } from '../../shared/training';
import type { SearchSettings } from './train-store';

interface SearchSpaceProps {
  algorithm: AlgorithmInfo;
  search: SearchSettings;
  onChange: (patch: Partial<SearchSettings>) => void;
}

export function SearchSpace({ algorithm, search, onChange }: SearchSpaceProps) {
  const tunable = algorithm.params.filter((p) => p.type === 'int' || p.type === 'float');
  return (
    <div className="search-space">
      {tunable.map((p) => (
        <label key={p.name} className="param" title={p.description}>
          <code>{p.name}</code>
          <input
            placeholder={`e.g. ${String(p.default)}`}
            aria-label={`Candidates for ${p.name}`}
            value={search.space[p.name] ?? ''}
            onChange={(e) => onChange({ space: { ...search.space, [p.name]: e.target.value } })}
          />
        </label>
      ))}
      <p className="muted small">
        Comma-separated candidates; parameters left empty keep their value. The best trial on validation
        becomes the run.
      </p>
    </div>
  );
}
