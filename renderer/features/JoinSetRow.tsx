/**
 * One feature set of a join: its version (the latest unless chosen) and a ttl that
 * overrides the version's own for this join only ("none" for no limit).
 */
import type { FeatureSetSummary } from '../../shared/features/feature-sets';
import { useFeatures } from '../app-stores';
import type { JoinSetChoice } from './join-slice';

interface Props {
  choice: JoinSetChoice;
  index: number;
  summary: FeatureSetSummary | undefined;
}

export function JoinSetRow({ choice, index, summary }: Props) {
  const features = useFeatures.getState();
  const own = summary?.latest.ttl ?? 'none';
  return (
    <li className="join-set" data-testid="join-set">
      <code className="grow">{choice.name}</code>
      <select
        aria-label={`Version of ${choice.name}`}
        value={choice.version ?? ''}
        onChange={(e) =>
          features.editJoinSet(index, { version: e.target.value ? Number(e.target.value) : null })
        }
      >
        <option value="">latest (@{summary?.latest.version ?? '?'})</option>
        {(summary?.versions ?? []).map((v) => (
          <option key={v} value={v}>
            @{v}
          </option>
        ))}
      </select>
      <input
        aria-label={`Time-to-live for ${choice.name}`}
        title="Overrides the set's time-to-live for this join: 30d, 12h, 90m, or none"
        placeholder={`ttl: ${own}`}
        value={choice.ttl}
        onChange={(e) => features.editJoinSet(index, { ttl: e.target.value })}
      />
      <button
        type="button"
        className="small"
        aria-label={`Remove ${choice.name}`}
        title="Leave this set out"
        onClick={() => features.removeJoinSet(index)}
      >
        ×
      </button>
    </li>
  );
}
