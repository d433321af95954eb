/**
 * The capabilities in the sidebar, in the order a project moves through them. Those
 * without a view in MainView show an honest empty state.
 */
export type CapabilityId =
  'datasets' | 'profile' | 'clean' | 'features' | 'train' | 'experiments' | 'registry' | 'monitor';

export interface Capability {
  id: CapabilityId;
  label: string;
  /** A single glyph: the sidebar stays readable when narrow. */
  icon: string;
  /** What the capability is for, shown in its empty state. */
  purpose: string;
}

export const capabilities: readonly Capability[] = [
  {
    id: 'datasets',
    label: 'Datasets',
    icon: '▤',
    purpose:
      'Import CSV, Parquet, JSON, Arrow and Excel files as immutable versions and browse them in a grid.',
  },
  {
    id: 'profile',
    label: 'Profile',
    icon: '◔',
    purpose: 'Statistics, associations and alerts for every column of a dataset version.',
  },
  {
    id: 'clean',
    label: 'Clean',
    icon: '✎',
    purpose: 'Recipes of cleaning steps, each compiled to SQL, with a diff of what changes.',
  },
  {
    id: 'features',
    label: 'Features',
    icon: '⋔',
    purpose:
      'Build features (lags, rolling windows, encodings), rank them against a target, and keep them as versioned feature sets.',
  },
  {
    id: 'train',
    label: 'Train',
    icon: '▲',
    purpose: 'Gradient boosting, forests, linear models and neural networks on this machine.',
  },
  {
    id: 'experiments',
    label: 'Experiments',
    icon: '≋',
    purpose: 'Compare runs: metrics, curves, parameters and significance.',
  },
  {
    id: 'registry',
    label: 'Registry',
    icon: '⬡',
    purpose: 'Push versioned model bundles to an OCI registry that production pulls from.',
  },
  {
    id: 'monitor',
    label: 'Monitor',
    icon: '◉',
    purpose: 'Drift and quality of new data against the data a model was trained on.',
  },
];
