/** What a profile shows, complete or partial: overview and alerts first, the rest in tabs. */
import { useState } from 'react';
import type { Profile } from '../../shared/profile';
import { useDatasets, useProfile } from '../app-stores';
import { AlertsList } from './AlertsList';
import { Approximations } from './Approximations';
import { AssociationsTab } from './AssociationsTab';
import { ColumnCard } from './ColumnCard';
import { CompareTab } from './CompareTab';
import { MissingTab } from './MissingTab';
import { OverviewTiles } from './OverviewTiles';
import { ProfileTabs, type Tab } from './ProfileTabs';
import { SampleTab } from './SampleTab';

export function ProfileBody({ profile, complete }: { profile: Partial<Profile>; complete: boolean }) {
  const sizeBytes = useDatasets((s) => s.version?.sizeBytes);
  // A comparison asked for from Clean opens on its tab.
  const [tab, setTab] = useState<Tab>(() => {
    const { wanted, comparison } = useProfile.getState();
    return wanted || comparison ? 'compare' : 'columns';
  });
  const [focus, setFocus] = useState<string | null>(null);
  const showColumn = (name: string) => {
    setTab('columns');
    setFocus(name);
    requestAnimationFrame(() =>
      document.getElementById(`column-${name}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };
  const alertsFor = (name: string) => (profile.alerts ?? []).filter((a) => a.columns.includes(name));
  return (
    <>
      {profile.overview && <OverviewTiles profile={profile} sizeBytes={sizeBytes} />}
      {profile.alerts && <AlertsList alerts={profile.alerts} onSelect={showColumn} />}
      {profile.approximations && profile.approximations.length > 0 && (
        <Approximations approximations={profile.approximations} />
      )}
      <ProfileTabs tab={tab} onChange={setTab} />
      {tab === 'columns' && (
        <div className="column-cards">
          {(profile.columns ?? []).map((c) => (
            <ColumnCard key={c.name} column={c} alerts={alertsFor(c.name)} highlighted={focus === c.name} />
          ))}
          {!complete && <p className="muted">More columns arrive as they finish…</p>}
        </div>
      )}
      {tab === 'associations' && <AssociationsTab profile={profile} onSelect={showColumn} />}
      {tab === 'missing' && <MissingTab profile={profile} />}
      {tab === 'sample' && <SampleTab profile={profile} />}
      {tab === 'compare' && <CompareTab />}
    </>
  );
}
