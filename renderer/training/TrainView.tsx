/**
 * The Train capability (DESIGN §8): one screen that reads top to bottom — data, target,
 * features, algorithms, validation, go — then the live loss curves of each run and a
 * summary of its metrics when it finishes.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlgorithmId, AlgorithmInfo, ParamSpec, Task, ValidationSpec } from '../../shared/training';
import { useDatasets, versionLabel } from '../datasets/datasets-store';
import { EmptyState } from '../shell/EmptyState';
import { formatCount, formatDuration } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { useUi } from '../shell/ui-store';
import { historyCurve, LossChart, SERIES_COLOURS } from './LossChart';
import { formatMetric, headlineMetrics, METRIC_LABELS } from '../../shared/metrics';
import { useTrain, type LiveRun } from './train-store';

export function TrainView() {
  const version = useDatasets((s) => s.version);
  const state = useTrain();
  useEffect(() => {
    void useTrain.getState().loadCatalogue().catch(reportError);
  }, []);
  useEffect(() => {
    if (version)
      useTrain.getState().prepare(
        version.id,
        version.columns.map((c) => c.name),
      );
  }, [version]);

  if (!version) {
    return (
      <EmptyState title="Train" icon="▲">
        <p>
          Choose a dataset and version in the bar above (or import one in Datasets), then pick the column to
          predict.
        </p>
      </EmptyState>
    );
  }
  const task = state.task;
  const suited = state.catalogue.filter((a) => !task || a.tasks.includes(task));
  const canStart = Boolean(
    state.target &&
    state.targetInfo &&
    state.features.length > 0 &&
    state.algorithms.length > 0 &&
    !state.jobId,
  );

  return (
    <div className="train-view">
      <form
        className="train-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canStart)
            void state.start(
              version.id,
              state.algorithms.filter((a) => suited.some((s) => s.id === a)),
            );
        }}
      >
        <section className="form-step">
          <h2>1 · Data</h2>
          <p>
            <strong>{versionLabel(version)}</strong> · {formatCount(version.rows)} rows ·{' '}
            {version.columns.length} columns <span className="muted small">(change it in the bar above)</span>
          </p>
        </section>

        <section className="form-step">
          <h2>2 · Target</h2>
          <div className="row">
            <select
              aria-label="Target column"
              value={state.target}
              onChange={(e) => void state.setTarget(version.id, e.target.value)}
            >
              <option value="">choose the column to predict…</option>
              {version.columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({c.type})
                </option>
              ))}
            </select>
            {state.targetInfo && (
              <label className="row">
                Task
                <select
                  aria-label="Task"
                  value={task ?? ''}
                  onChange={(e) => state.set({ task: e.target.value as Task })}
                >
                  <option value="binary">binary classification</option>
                  <option value="multiclass">multiclass classification</option>
                  <option value="regression">regression</option>
                </select>
                <span className="muted small" data-testid="inferred-task">
                  inferred: {state.targetInfo.task}
                  {state.targetInfo.classes ? ` · ${state.targetInfo.classes.length} classes` : ''} ·{' '}
                  {formatCount(state.targetInfo.rows)} rows
                </span>
              </label>
            )}
          </div>
          {state.targetError && (
            <p className="form-error" role="alert">
              {state.targetError}
            </p>
          )}
          {state.targetInfo?.warnings.map((w) => (
            <p key={w} className="banner warn">
              {w}
            </p>
          ))}
        </section>

        {state.target && (
          <>
            <FeaturePicker columns={version.columns.map((c) => c.name).filter((c) => c !== state.target)} />
            <section className="form-step">
              <h2>4 · Algorithms</h2>
              <div className="algorithms">
                {suited.map((a) => (
                  <AlgorithmChoice key={a.id} algorithm={a} />
                ))}
              </div>
              <SearchPicker
                algorithm={
                  state.algorithms.length === 1 ? suited.find((a) => a.id === state.algorithms[0]) : undefined
                }
              />
            </section>
            <ValidationPicker task={task} columns={version.columns.map((c) => c.name)} />
            <section className="form-step go">
              <label className="row">
                Seed
                <input
                  className="narrow"
                  type="number"
                  min={0}
                  value={state.seed}
                  aria-label="Seed"
                  onChange={(e) => state.set({ seed: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
                />
              </label>
              <button type="submit" className="primary" disabled={!canStart}>
                Train {state.algorithms.filter((a) => suited.some((s) => s.id === a)).length} model
                {state.algorithms.length === 1 ? '' : 's'}
              </button>
              <button
                type="button"
                disabled={!state.targetInfo || state.jobId !== null}
                title="Every algorithm that suits the task, with default settings, under 5-fold cross-validation, ranked"
                onClick={() =>
                  void state.start(
                    version.id,
                    suited.map((a) => a.id),
                    { kind: 'kfold', folds: 5, ...(task !== 'regression' ? { stratified: true } : {}) },
                  )
                }
              >
                Compare all algorithms (5-fold CV)
              </button>
              {state.jobId && (
                <button type="button" className="danger" onClick={() => void state.cancel()}>
                  Cancel training
                </button>
              )}
            </section>
            {state.error && (
              <p className="form-error" role="alert">
                {state.error}
              </p>
            )}
          </>
        )}
      </form>
      {state.runs.length > 0 && <RunsProgress runs={state.runs} />}
    </div>
  );
}

function FeaturePicker({ columns }: { columns: string[] }) {
  const { features, alerts, set } = useTrain();
  const toggle = (c: string) =>
    set({ features: features.includes(c) ? features.filter((f) => f !== c) : [...features, c] });
  return (
    <section className="form-step">
      <h2>
        3 · Features{' '}
        <span className="muted small">
          {features.length} of {columns.length}
        </span>
      </h2>
      <div className="row small">
        <button type="button" className="ghost" onClick={() => set({ features: columns })}>
          All
        </button>
        <button type="button" className="ghost" onClick={() => set({ features: [] })}>
          None
        </button>
        {Object.keys(alerts).length === 0 && (
          <span className="muted">Profile this version to see alerts (ID-like, leakage, constant) here.</span>
        )}
      </div>
      <div className="feature-list">
        {columns.map((c) => (
          <label key={c} className="feature" title={(alerts[c] ?? []).map((a) => a.message).join('\n')}>
            <input type="checkbox" checked={features.includes(c)} onChange={() => toggle(c)} />
            <span className="truncate">{c}</span>
            {(alerts[c] ?? [])
              .filter((a) =>
                ['ID_LIKE', 'TARGET_LEAKAGE', 'CONSTANT', 'HIGH_CORRELATION', 'MISSING'].includes(a.type),
              )
              .slice(0, 2)
              .map((a) => (
                <span key={a.type} className={`alert-chip ${a.type}`}>
                  {a.type === 'TARGET_LEAKAGE' ? 'LEAKAGE' : a.type}
                </span>
              ))}
          </label>
        ))}
      </div>
    </section>
  );
}

function AlgorithmChoice({ algorithm }: { algorithm: AlgorithmInfo }) {
  const { algorithms, params, set, setParam } = useTrain();
  const [open, setOpen] = useState(false);
  const chosen = algorithms.includes(algorithm.id);
  const toggle = () =>
    set({
      algorithms: chosen ? algorithms.filter((a) => a !== algorithm.id) : [...algorithms, algorithm.id],
    });
  return (
    <div className={chosen ? 'algorithm chosen' : 'algorithm'}>
      <label className="row">
        <input type="checkbox" checked={chosen} onChange={toggle} aria-label={algorithm.label} />
        <strong>{algorithm.label}</strong>
      </label>
      <p className="muted small">{algorithm.description}</p>
      {algorithm.params.length > 0 && (
        <button type="button" className="link small" onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide parameters' : `Parameters (${algorithm.params.length})`}
        </button>
      )}
      {open && (
        <div className="params">
          {algorithm.params.map((p) => (
            <ParamInput
              key={p.name}
              spec={p}
              value={params[algorithm.id]?.[p.name]}
              onChange={(v) => setParam(algorithm.id, p.name, v)}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function ParamInput({
  spec,
  value,
  onChange,
}: {
  spec: ParamSpec;
  value: unknown;
  onChange: (v: number | boolean | number[] | undefined) => void;
}) {
  const shown = value ?? spec.default;
  return (
    <label className="param" title={spec.description}>
      <code>{spec.name}</code>
      {spec.type === 'bool' ? (
        <input type="checkbox" checked={Boolean(shown)} onChange={(e) => onChange(e.target.checked)} />
      ) : (
        <input
          className="narrow"
          defaultValue={Array.isArray(shown) ? shown.join(',') : String(shown)}
          onBlur={(e) => {
            const text = e.target.value.trim();
            if (text === '') return onChange(undefined);
            if (spec.type === 'int_list')
              return onChange(
                text
                  .split(',')
                  .map((t) => Math.round(Number(t)))
                  .filter(Number.isFinite),
              );
            const n = Number(text);
            if (Number.isFinite(n)) onChange(spec.type === 'int' ? Math.round(n) : n);
          }}
        />
      )}
      <span className="muted small">{spec.description}</span>
    </label>
  );
}

function ValidationPicker({ task, columns }: { task: Task | null; columns: string[] }) {
  const { validation, set } = useTrain();
  const kind = validation.kind === 'kfold' ? 'kfold' : validation.kind === 'none' ? 'none' : 'holdout';
  const strategy = validation.kind === 'holdout' ? (validation.strategy ?? 'random') : 'random';
  const fraction = validation.kind === 'holdout' ? (validation.fraction ?? 0.2) : 0.2;
  const update = (next: ValidationSpec) => set({ validation: next });
  return (
    <section className="form-step">
      <h2>5 · Validation</h2>
      <div className="row wrap">
        <select
          aria-label="Validation scheme"
          value={kind}
          onChange={(e) =>
            update(
              e.target.value === 'kfold'
                ? { kind: 'kfold', folds: 5, ...(task !== 'regression' ? { stratified: true } : {}) }
                : {
                    kind: 'holdout',
                    fraction: 0.2,
                    strategy: task === 'regression' ? 'random' : 'stratified',
                  },
            )
          }
        >
          <option value="holdout">Holdout</option>
          <option value="kfold">k-fold cross-validation</option>
        </select>
        {validation.kind === 'holdout' && (
          <>
            <label className="row">
              Validation share
              <input
                className="narrow"
                type="number"
                min={0.05}
                max={0.5}
                step={0.05}
                value={fraction}
                aria-label="Validation share"
                onChange={(e) =>
                  update({ ...validation, fraction: Number(e.target.value) } as ValidationSpec)
                }
              />
            </label>
            <select
              aria-label="Split strategy"
              value={strategy}
              onChange={(e) => {
                const s = e.target.value;
                update(
                  s === 'time' || s === 'group'
                    ? { kind: 'holdout', fraction, strategy: s, column: columns[0]! }
                    : { kind: 'holdout', fraction, strategy: s as 'random' | 'stratified' },
                );
              }}
            >
              <option value="random">random</option>
              {task !== 'regression' && <option value="stratified">stratified by the target</option>}
              <option value="time">time-ordered by a column</option>
              <option value="group">grouped by a column</option>
            </select>
            {(validation.strategy === 'time' || validation.strategy === 'group') && (
              <select
                aria-label="Split column"
                value={validation.column}
                onChange={(e) => update({ ...validation, column: e.target.value })}
              >
                {columns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
          </>
        )}
        {validation.kind === 'kfold' && (
          <label className="row">
            Folds
            <input
              className="narrow"
              type="number"
              min={2}
              max={20}
              value={validation.folds ?? 5}
              aria-label="Folds"
              onChange={(e) =>
                update({ ...validation, folds: Math.max(2, Math.round(Number(e.target.value))) })
              }
            />
          </label>
        )}
      </div>
    </section>
  );
}

function RunsProgress({ runs }: { runs: LiveRun[] }) {
  const { catalogue, task, jobId } = useTrain();
  const section = useRef<HTMLElement>(null);
  // New runs appear below a long form: bring them into view when training starts.
  useEffect(() => {
    if (jobId) section.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [jobId]);
  const label = (id: AlgorithmId) => catalogue.find((a) => a.id === id)?.label ?? id;
  const finished = runs.filter((r) => r.detail?.status === 'succeeded');
  const metrics = headlineMetrics(finished[0]?.detail?.task ?? task ?? 'binary');
  return (
    <section className="runs-progress" aria-label="Training runs" ref={section}>
      <h2>Runs</h2>
      <div className="run-cards">
        {runs.map((run, i) => (
          <article key={run.runId} className="run-card" data-testid="run-card">
            <header className="row">
              <strong>{label(run.algorithm)}</strong>
              <span className={`status ${run.detail?.status ?? 'running'}`}>
                {run.detail?.status ?? run.stage}
              </span>
              {run.folds ? (
                <span className="muted small">
                  fold {(run.fold ?? 0) + 1} of {run.folds}
                </span>
              ) : null}
              <span className="grow" />
              {run.total > 0 && !run.detail && (
                <span className="muted small">
                  {formatCount(run.iteration)} / {formatCount(run.total)}
                </span>
              )}
            </header>
            {!run.detail && (
              <div
                className="progress"
                role="progressbar"
                aria-valuenow={run.total ? Math.round((run.iteration / run.total) * 100) : undefined}
              >
                <div
                  className="progress-fill"
                  style={{ width: `${run.total ? (run.iteration / run.total) * 100 : 0}%` }}
                />
              </div>
            )}
            <div data-testid="loss-chart">
              {run.detail?.status === 'succeeded' &&
              run.detail.history.trainLoss.length === 0 &&
              run.detail.history.validLoss.length === 0 ? (
                <div className="chart-placeholder muted small">
                  {label(run.algorithm)} does not train in rounds, so it has no loss curve.
                </div>
              ) : (
                <LossChart
                  series={[
                    {
                      name: label(run.algorithm),
                      points: run.detail ? historyCurve(run.detail.history) : run.curve,
                      colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
                    },
                  ]}
                />
              )}
            </div>
            {run.detail?.status === 'failed' && <p className="form-error">{run.detail.error}</p>}
            {run.detail?.status === 'succeeded' && (
              <dl className="run-metrics" data-testid="run-metrics">
                {metrics
                  .filter((m) => run.detail!.metrics[m] !== undefined)
                  .map((m) => (
                    <div key={m}>
                      <dt>{METRIC_LABELS[m]}</dt>
                      <dd>
                        {formatMetric(m, run.detail!.metrics[m])}
                        {run.detail!.metricsStd?.[m] !== undefined && (
                          <span className="muted small"> ± {formatMetric(m, run.detail!.metricsStd[m])}</span>
                        )}
                      </dd>
                    </div>
                  ))}
                <div>
                  <dt>Fit time</dt>
                  <dd>
                    {run.detail.fitSeconds !== undefined ? formatDuration(run.detail.fitSeconds * 1000) : '—'}
                  </dd>
                </div>
                {run.detail.backend && (
                  <div>
                    <dt>Backend</dt>
                    <dd>{run.detail.backend}</dd>
                  </div>
                )}
              </dl>
            )}
          </article>
        ))}
      </div>
      {finished.length > 0 && (
        <p>
          <button type="button" className="link" onClick={() => useUi.getState().setView('experiments')}>
            Compare these runs in Experiments →
          </button>
        </p>
      )}
    </section>
  );
}

/** Tune one algorithm: grid or random search over candidate values, within a budget. */
function SearchPicker({ algorithm }: { algorithm: AlgorithmInfo | undefined }) {
  const { search, set } = useTrain();
  if (!algorithm) {
    return (
      <p className="muted small">
        Choose a single algorithm to tune its parameters with grid or random search.
      </p>
    );
  }
  const tunable = algorithm.params.filter((p) => p.type === 'int' || p.type === 'float');
  const update = (patch: Partial<typeof search>) => set({ search: { ...search, ...patch } });
  return (
    <div className="search-picker">
      <div className="row wrap">
        <label className="row">
          Tune {algorithm.label}
          <select
            aria-label="Search strategy"
            value={search.strategy}
            onChange={(e) => update({ strategy: e.target.value as typeof search.strategy })}
          >
            <option value="off">no search</option>
            <option value="grid">grid search</option>
            <option value="random">random search</option>
          </select>
        </label>
        {search.strategy !== 'off' && (
          <>
            <label className="row">
              at most
              <input
                className="narrow"
                type="number"
                min={1}
                aria-label="Trials"
                value={search.maxTrials}
                onChange={(e) => update({ maxTrials: Math.max(1, Math.round(Number(e.target.value))) })}
              />
              trials
            </label>
            <label className="row">
              and
              <input
                className="narrow"
                type="number"
                min={1}
                aria-label="Seconds"
                value={search.maxSeconds}
                onChange={(e) => update({ maxSeconds: Math.max(1, Math.round(Number(e.target.value))) })}
              />
              seconds
            </label>
          </>
        )}
      </div>
      {search.strategy !== 'off' && (
        <div className="search-space">
          {tunable.map((p) => (
            <label key={p.name} className="param" title={p.description}>
              <code>{p.name}</code>
              <input
                placeholder={`e.g. ${String(p.default)}`}
                aria-label={`Candidates for ${p.name}`}
                value={search.space[p.name] ?? ''}
                onChange={(e) => update({ space: { ...search.space, [p.name]: e.target.value } })}
              />
            </label>
          ))}
          <p className="muted small">
            Comma-separated candidates; parameters left empty keep their value. The best trial on validation
            becomes the run.
          </p>
        </div>
      )}
    </div>
  );
}
