/** The profile's tabs below the overview: columns, associations, missing values, sample, compare. */
export type Tab = 'columns' | 'associations' | 'missing' | 'sample' | 'compare';

const TABS: Array<[Tab, string]> = [
  ['columns', 'Columns'],
  ['associations', 'Associations'],
  ['missing', 'Missing values'],
  ['sample', 'Sample'],
  ['compare', 'Compare with…'],
];

export function ProfileTabs({ tab, onChange }: { tab: Tab; onChange: (tab: Tab) => void }) {
  return (
    <nav className="tabs" role="tablist">
      {TABS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={tab === id ? 'tab on' : 'tab'}
          onClick={() => onChange(id)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
