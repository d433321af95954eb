/** What a run trained on, how it was validated, its params and its files. */
import type { RunDetail } from '../../shared/training';
import { formatCount } from '../shell/format';
import { validationLabel } from './run-labels';

/** The feature-set versions a run trained on (docs/architecture.md, "Inside the features capability"). */
function featureSetsOf(run: RunDetail): string {
  return (run.featureSets ?? []).map((s) => `${s.name}@${s.version}`).join(', ');
}

export function RunFacts({ run }: { run: RunDetail }) {
  const sets = featureSetsOf(run);
  const facts: Array<[string, string]> = [
    ['Data', `${run.versionLabel} → ${run.target} (${run.task})`],
    ...(sets ? [['Feature sets', sets] as [string, string]] : []),
    ['Validation', validationLabel(run.validation)],
    ['Rows', `${formatCount(run.trainRows ?? 0)} training, ${formatCount(run.validRows ?? 0)} validation`],
    ['Seed', String(run.seed)],
    ['Features', run.features.join(', ')],
    ['Created', new Date(run.createdAt).toLocaleString()],
    ['Model file', run.modelPath ?? '—'],
    ...Object.entries(run.environment).map(([k, v]): [string, string] => [k, String(v)]),
  ];
  const params = Object.entries(run.params);
  return (
    <div>
      <h3>Run</h3>
      <table className="data-table compact" data-testid="run-facts">
        <tbody>
          {facts.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className="wrap">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Parameters</h3>
      <table className="data-table compact" data-testid="run-params">
        <tbody>
          {params.map(([p, value]) => (
            <tr key={p}>
              <th>
                <code>{p}</code>
              </th>
              <td>{Array.isArray(value) ? value.join(', ') : String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.warnings?.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
    </div>
  );
}
