/**
 * The capabilities in the sidebar, in the order a project moves through them. `ready`
 * says whether this build has the capability; the others show an honest empty state.
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
  ready: boolean;
}

export const capabilities: readonly Capability[] = [
  {
    id: 'datasets',
    label: 'Datasets',
    icon: '▤',
    ready: false,
    purpose:
      'Import CSV, Parquet, JSON, Arrow and Excel files as immutable versions and browse them in a grid.',
  },
  {
    id: 'profile',
    label: 'Profile',
    icon: '◔',
    ready: false,
    purpose: 'Statistics, associations and alerts for every column of a dataset version.',
  },
  {
    id: 'clean',
    label: 'Clean',
    icon: '✎',
    ready: false,
    purpose: 'Recipes of cleaning steps, each compiled to SQL, with a diff of what changes.',
  },
  {
    id: 'features',
    label: 'Features',
    icon: '⋔',
    ready: false,
    purpose: 'Versioned feature sets over an entity and an event time.',
  },
  {
    id: 'train',
    label: 'Train',
    icon: '▲',
    ready: false,
    purpose: 'Gradient boosting, forests, linear models and neural networks on this machine.',
  },
  {
    id: 'experiments',
    label: 'Experiments',
    icon: '≋',
    ready: false,
    purpose: 'Compare runs: metrics, curves, parameters and significance.',
  },
  {
    id: 'registry',
    label: 'Registry',
    icon: '⬡',
    ready: false,
    purpose: 'Push versioned model bundles to an OCI registry that production pulls from.',
  },
  {
    id: 'monitor',
    label: 'Monitor',
    icon: '◉',
    ready: false,
    purpose: 'Drift and quality of new data against the data a model was trained on.',
  },
];
