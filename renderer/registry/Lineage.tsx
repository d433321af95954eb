/** Where a version came from and where it went: run, dataset, algorithm, files, digest and registry references. */
import type { ModelVersionDetail } from '../../shared/bundles';
import { formatBytes } from '../shell/format';

export function Lineage({ detail }: { detail: ModelVersionDetail }) {
  const bytes = detail.files.reduce((sum, f) => sum + f.bytes, 0);
  const lineage: Array<[string, string]> = [
    ['Run', detail.run],
    ['Dataset', detail.dataset],
    ['Algorithm', detail.summary.algorithm],
    ['Created', new Date(detail.createdAt).toLocaleString()],
    ['Files', `${detail.files.length} (${formatBytes(bytes)})`],
    ['Folder', detail.folder],
  ];
  return (
    <table className="data-table compact" data-testid="lineage">
      <tbody>
        {lineage.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td className="wrap">{value}</td>
          </tr>
        ))}
        <tr>
          <th>Digest</th>
          <td className="wrap" data-testid="card-digest">
            {detail.digest ?? <span className="muted">not pushed yet</span>}
          </td>
        </tr>
        {detail.pushedRefs.map((ref) => (
          <tr key={ref}>
            <th>Registry</th>
            <td className="wrap">
              <code>{ref}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
