/** How people and the CLI refer to a version: "name@3". */
import type { DatasetVersion } from '../../shared/datasets';

export function versionLabel(version: Pick<DatasetVersion, 'dataset' | 'number'>): string {
  return `${version.dataset}@${version.number}`;
}
