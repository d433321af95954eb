/**
 * The Profile capability (DESIGN §8): overview tiles and alerts first, a card per
 * column, the association heatmaps, the missing-values matrix and the comparison with
 * another version in tabs. Fills in progressively while the job runs.
 */
import { useEffect, useState } from 'react';
import type { Alert, AlertThresholds, Profile } from '../../shared/profile';
import { api } from '../api/client';
import { useDatasets, versionLabel } from '../datasets/datasets-store';
import { useJobs } from '../jobs/jobs-store';
import { EmptyState } from '../shell/EmptyState';
import { formatBytes, formatDuration, formatPercent } from '../shell/format';
import { ColumnCard } from './ColumnCard';
import { CompareView } from './CompareView';
import { formatFraction, formatStat } from './format-stat';
import { Heatmap } from './Heatmap';
import { MissingMatrix } from './MissingMatrix';
import { useProfile } from './profile-store';

type Tab = 'columns' | 'associations' | 'missing' | 'sample' | 'compare';
type Measure = 'pearson' | 'spearman' | 'cramersV' | 'correlationRatio';

export function ProfileView() {
  const version = useDatasets((s) => s.version);
  const [target, setTarget] = useState('');
  const [thresholds, setThresholds] = useState<Partial<AlertThresholds>>({});
  const state = useProfile();
  useEffect(() => {
    if (!version) return;
    const custom = Object.keys(thresholds).length > 0;
    void useProfile
      .getState()
      .load({ version: version.id, ...(target ? { target } : {}), ...(custom ? { thresholds } : {}) });
  }, [version, target, thresholds]);

  if (!version) {
    return (
      <EmptyState title="Profile" icon="◔">
        <p>Choose a dataset and version in the bar above (or import one in Datasets) to profile it.</p>
      </EmptyState>
    );
  }
  const shown: Partial<Profile> | null = state.profile ?? state.partial;
  return (
    <div className="profile-view">
      <header className="view-header">
        <h1>
          Profile <span className="muted">{versionLabel(version)}</span>
        </h1>
        <label className="row">
          Target
          <select aria-label="Target column" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">none</option>
            {version.columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        <div className="grow" />
        {state.profile && (
          <>
            <span className="muted small">
              computed {new Date(state.profile.createdAt).toLocaleString()} in{' '}
              {formatDuration(state.profile.durationMs)}
            </span>
            <button type="button" onClick={() => void state.run(true)} disabled={state.jobId !== null}>
              Recompute
            </button>
            <button type="button" onClick={() => void state.exportHtml()}>
              HTML report
            </button>
            <button type="button" onClick={state.exportJson}>
              JSON
            </button>
          </>
        )}
      </header>
      <ThresholdsEditor
        current={state.profile?.thresholds}
        custom={thresholds}
        onApply={(next) => {
          setThresholds(next);
        }}
      />
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {!shown && !state.jobId && (
        <EmptyState title="Not profiled yet" icon="◔">
          <p>
            Statistics, histograms, associations and alerts for every column of {versionLabel(version)},
            computed in DuckDB and kept with this version.
          </p>
          <button type="button" className="primary" onClick={() => void state.run()}>
            Profile {versionLabel(version)}
          </button>
        </EmptyState>
      )}
      {state.progress && <ProfileProgressBar />}
      {shown && <ProfileBody profile={shown} complete={state.profile !== null} />}
    </div>
  );
}

function ProfileProgressBar() {
  const { progress, jobId } = useProfile();
  const cancel = useJobs((s) => s.cancel);
  if (!progress) return null;
  return (
    <div className="profile-progress row" role="status">
      <span>{progress.stage}</span>
      <div className="progress grow" role="progressbar" aria-valuenow={Math.round(progress.fraction * 100)}>
        <div className="progress-fill" style={{ width: `${progress.fraction * 100}%` }} />
      </div>
      <span>{formatPercent(progress.fraction)}</span>
      {jobId && (
        <button type="button" className="ghost danger" onClick={() => void cancel(jobId)}>
          Cancel
        </button>
      )}
    </div>
  );
}

function ProfileBody({ profile, complete }: { profile: Partial<Profile>; complete: boolean }) {
  const sizeBytes = useDatasets((s) => s.version?.sizeBytes);
  const [tab, setTab] = useState<Tab>('columns');
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
        <details className="approximations">
          <summary className="muted small">What is approximate ({profile.approximations.length})</summary>
          <ul className="small">
            {profile.approximations.map((a, i) => (
              <li key={i}>
                <strong>{a.stat}</strong>
                {a.columns.length > 0 ? ` (${a.columns.join(', ')})` : ''}: {a.note}
              </li>
            ))}
          </ul>
        </details>
      )}
      <nav className="tabs" role="tablist">
        {(
          [
            ['columns', 'Columns'],
            ['associations', 'Associations'],
            ['missing', 'Missing values'],
            ['sample', 'Sample'],
            ['compare', 'Compare with…'],
          ] as Array<[Tab, string]>
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'tab on' : 'tab'}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </nav>
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

function OverviewTiles({ profile, sizeBytes }: { profile: Partial<Profile>; sizeBytes?: number }) {
  const o = profile.overview!;
  const tiles: Array<[string, string, string?]> = [
    ['Rows', formatStat(o.rows)],
    ['Columns', formatStat(o.columns)],
    ['Missing cells', formatStat(o.missingCells), formatFraction(o.missingCellsFraction)],
    ['Duplicate rows', formatStat(o.duplicateRows), formatFraction(o.duplicateRowsFraction)],
    ...(sizeBytes !== undefined
      ? ([['Size', formatBytes(sizeBytes), 'estimated on disk']] as Array<[string, string, string]>)
      : []),
  ];
  const types = Object.entries(o.typeCounts).filter(([, n]) => n > 0);
  return (
    <div className="tiles" data-testid="profile-overview">
      {tiles.map(([label, value, sub]) => (
        <div key={label} className="tile">
          <div className="tile-label">{label}</div>
          <div className="tile-value" title={value}>
            {value}
          </div>
          {sub && <div className="tile-sub muted">{sub}</div>}
        </div>
      ))}
      <div className="tile">
        <div className="tile-label">Column types</div>
        <div className="tile-types">
          {types.length === 0
            ? '—'
            : types.map(([t, n]) => (
                <span key={t} className={`type-badge ${t}`}>
                  {n} {t}
                </span>
              ))}
        </div>
      </div>
    </div>
  );
}

function AlertsList({ alerts, onSelect }: { alerts: Alert[]; onSelect: (column: string) => void }) {
  if (alerts.length === 0) return <p className="muted">No alerts: nothing stands out.</p>;
  return (
    <section className="alerts" aria-label="Alerts">
      <h2>Alerts ({alerts.length})</h2>
      <ul>
        {alerts.map((a, i) => (
          <li key={i} data-testid="alert">
            <span className={`alert-chip ${a.type}`}>{a.type}</span>
            {a.columns[0] ? (
              <button type="button" className="link" onClick={() => onSelect(a.columns[0]!)}>
                {a.message}
              </button>
            ) : (
              <span>{a.message}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AssociationsTab({
  profile,
  onSelect,
}: {
  profile: Partial<Profile>;
  onSelect: (column: string) => void;
}) {
  const [measure, setMeasure] = useState<Measure>('spearman');
  const a = profile.associations;
  if (!a) return <p className="muted">Associations are still being computed…</p>;
  const labels: Record<Measure, string> = {
    pearson: 'Pearson r',
    spearman: 'Spearman ρ',
    cramersV: "Cramér's V",
    correlationRatio: 'Correlation ratio η',
  };
  const explanations: Record<Measure, string> = {
    pearson: 'Linear correlation between numeric columns (−1 … 1)',
    spearman: 'Rank correlation between numeric columns (−1 … 1): any monotone relation',
    cramersV: 'Association between categorical columns (0 … 1), bias-corrected',
    correlationRatio: 'How much of a numeric column (across) a category (down) explains (0 … 1)',
  };
  const matrix =
    measure === 'correlationRatio'
      ? {
          rows: a.correlationRatio.rows,
          columns: a.correlationRatio.columns,
          values: a.correlationRatio.values,
        }
      : { rows: a[measure].columns, columns: a[measure].columns, values: a[measure].values };
  return (
    <div className="associations">
      <div className="row">
        <div className="segmented">
          {(Object.keys(labels) as Measure[]).map((m) => (
            <button
              key={m}
              type="button"
              className={m === measure ? 'on' : ''}
              title={explanations[m]}
              onClick={() => setMeasure(m)}
            >
              {labels[m]}
            </button>
          ))}
        </div>
        <span className="muted small">
          {a.sample.exact
            ? `All ${formatStat(a.sample.of)} rows`
            : `${formatStat(a.sample.rows)} of ${formatStat(a.sample.of)} rows (${a.sample.method})`}
        </span>
      </div>
      <div className="associations-body">
        <div data-testid="heatmap">
          <Heatmap
            {...matrix}
            signed={measure === 'pearson' || measure === 'spearman'}
            title={explanations[measure]}
            onSelect={(r) => onSelect(r)}
          />
        </div>
        {profile.target && (
          <section className="target-ranking" aria-label="Association with the target">
            <h3>Association with {profile.target.column}</h3>
            <ol>
              {profile.target.ranking.map((r) => (
                <li key={r.column}>
                  <span className="truncate" title={r.column}>
                    {r.column}
                  </span>
                  <span className="bar">
                    <span style={{ width: `${r.strength * 100}%` }} />
                  </span>
                  <span className="num" title={r.method}>
                    {r.strength.toFixed(3)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
      {a.skipped.length > 0 && (
        <p className="muted small">
          Left out: {a.skipped.map((s) => `${s.column} (${s.reason})`).join('; ')}
        </p>
      )}
    </div>
  );
}

function MissingTab({ profile }: { profile: Partial<Profile> }) {
  const m = profile.missing;
  if (!m) return <p className="muted">Still being computed…</p>;
  if (!m.matrix) return <p className="muted">No column has missing values.</p>;
  return (
    <div className="missing-tab">
      <MissingMatrix matrix={m.matrix} />
      {m.heatmap && (
        <Heatmap
          rows={m.heatmap.columns}
          columns={m.heatmap.columns}
          values={m.heatmap.values}
          signed
          title="Co-missingness (nullity correlation)"
        />
      )}
    </div>
  );
}

function SampleTab({ profile }: { profile: Partial<Profile> }) {
  const rows = profile.overview?.sampleRows ?? [];
  const duplicates = profile.overview?.mostDuplicated ?? [];
  const columns = Object.keys(rows[0] ?? duplicates[0]?.row ?? {});
  return (
    <div className="sample-tab">
      <h3>First rows</h3>
      <div className="table-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{r[c] === null ? <span className="null-cell">null</span> : String(r[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {duplicates.length > 0 && (
        <>
          <h3>Most duplicated rows</h3>
          <div className="table-scroll">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th className="num">Times</th>
                  {columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {duplicates.map((d, i) => (
                  <tr key={i}>
                    <td className="num">{formatStat(d.count)}</td>
                    {columns.map((c) => (
                      <td key={c}>
                        {d.row[c] === null ? <span className="null-cell">null</span> : String(d.row[c])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function CompareTab() {
  const { list } = useDatasets();
  const version = useDatasets((s) => s.version);
  const { comparison, compareWith, clearComparison } = useProfile();
  const [choice, setChoice] = useState('');
  const [versions, setVersions] = useState<Array<{ id: string; label: string }>>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(list.map((d) => api.call('datasets.versions', { dataset: d.name }))).then(
      (all) =>
        live &&
        setVersions(
          all
            .flat()
            .filter((v) => v.id !== version?.id)
            .map((v) => ({ id: v.id, label: versionLabel(v) })),
        ),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [list, version]);
  return (
    <div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) void compareWith({ version: choice });
        }}
      >
        <label className="row">
          Compare with
          <select
            aria-label="Version to compare with"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">choose a version…</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!choice}>
          Compare
        </button>
        {comparison && (
          <button type="button" onClick={clearComparison}>
            Clear
          </button>
        )}
      </form>
      {comparison && version && (
        <CompareView
          comparison={comparison.result}
          labels={[
            versionLabel(version),
            versions.find((v) => v.id === comparison.other.version)?.label ?? 'other',
          ]}
        />
      )}
    </div>
  );
}

const THRESHOLD_FIELDS: Array<{ key: keyof AlertThresholds; label: string; step: number }> = [
  { key: 'missingFraction', label: 'MISSING above (share)', step: 0.01 },
  { key: 'zerosFraction', label: 'ZEROS above (share)', step: 0.01 },
  { key: 'skewness', label: 'SKEWED when |skewness| above', step: 1 },
  { key: 'cardinality', label: 'HIGH_CARDINALITY above (distinct)', step: 1 },
  { key: 'highCorrelation', label: 'HIGH_CORRELATION above', step: 0.05 },
  { key: 'imbalance', label: 'IMBALANCE above', step: 0.05 },
  { key: 'targetLeakage', label: 'TARGET_LEAKAGE at or above', step: 0.01 },
  { key: 'duplicatesFraction', label: 'DUPLICATES above (share)', step: 0.01 },
];

/**
 * The alert thresholds (ydata-profiling's defaults until changed). A profile is cached per
 * set of thresholds, so changing them shows that set's profile, or offers to compute it.
 */
function ThresholdsEditor({
  current,
  custom,
  onApply,
}: {
  current: AlertThresholds | undefined;
  custom: Partial<AlertThresholds>;
  onApply: (next: Partial<AlertThresholds>) => void;
}) {
  const [draft, setDraft] = useState<Partial<AlertThresholds>>(custom);
  return (
    <details className="thresholds">
      <summary className="muted small">
        Alert thresholds
        {Object.keys(custom).length > 0 ? ` (${Object.keys(custom).length} changed)` : ' (defaults)'}
      </summary>
      <form
        className="thresholds-form"
        onSubmit={(e) => {
          e.preventDefault();
          onApply(draft);
        }}
      >
        {THRESHOLD_FIELDS.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input
              type="number"
              step={f.step}
              min={0}
              aria-label={f.label}
              value={draft[f.key] ?? current?.[f.key] ?? ''}
              onChange={(e) => {
                const value = e.target.value === '' ? undefined : Number(e.target.value);
                setDraft((d) => {
                  const next = { ...d };
                  if (value === undefined || !Number.isFinite(value)) delete next[f.key];
                  else next[f.key] = value;
                  return next;
                });
              }}
            />
          </label>
        ))}
        <div className="row">
          <button type="submit" className="primary">
            Use these thresholds
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            Back to defaults
          </button>
        </div>
      </form>
    </details>
  );
}
