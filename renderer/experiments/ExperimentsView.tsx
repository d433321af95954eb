/**
 * The Experiments capability: the runs table (ranked by each task's main metric, like a
 * leaderboard) and, for the runs selected, the comparison — metrics side by side, loss
 * and ROC curves overlaid, the parameters that differ, and whether a difference is
 * significant under cross-validation.
 */
import { useEffect, useMemo } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricKey, RunDetail, RunSummary } from '../../shared/training';
import { EmptyState } from '../shell/EmptyState';
import { formatDuration } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { historyCurve, LossChart, SERIES_COLOURS } from '../training/LossChart';
import { formatMetric, headlineMetrics, higherIsBetter, METRIC_LABELS } from '../../shared/metrics';
import { DiagnosticsChart } from './DiagnosticsChart';
import { useExperiments } from '../app-stores';
import { PredictForm } from './PredictForm';
import { correctedPairedTTest } from './paired-t-test';
import { CATEGORY_TICK, CHART_TICK, TOOLTIP_STYLE } from '../shell/chart-style';
import './experiments.css';

export function ExperimentsView() {
  const state = useExperiments();
  useEffect(() => {
    if (!state.loaded) void useExperiments.getState().load().catch(reportError);
  }, [state.loaded]);
  const experiments = useMemo(() => [...new Set(state.runs.map((r) => r.experiment))], [state.runs]);
  const experiment = state.experiment || experiments[0] || '';
  const runs = useMemo(
    () => rank(state.runs.filter((r) => r.experiment === experiment)),
    [state.runs, experiment],
  );

  if (state.loaded && state.runs.length === 0) {
    return (
      <EmptyState title="No runs yet" icon="≋">
        <p>
          Train a model in Train (or with <code>assay train</code>); every run lands here with its data
          version, parameters, metrics and curves.
        </p>
      </EmptyState>
    );
  }
  const task = runs[0]?.task ?? 'binary';
  const metrics = headlineMetrics(task);
  const selected = state.selected
    .map((id) => state.details[id])
    .filter((d): d is RunDetail => d !== undefined);
  return (
    <div className="experiments-view">
      <header className="view-header">
        <h1>Experiments</h1>
        <select
          aria-label="Experiment"
          value={experiment}
          onChange={(e) => state.setExperiment(e.target.value)}
        >
          {experiments.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </select>
        <span className="muted small">
          ranked by {METRIC_LABELS[runs[0]?.primaryMetric ?? 'auc']} on validation data
        </span>
        <div className="grow" />
        {state.selected.length > 0 && (
          <button type="button" className="ghost danger" onClick={() => void state.remove(state.selected)}>
            Delete {state.selected.length} run{state.selected.length === 1 ? '' : 's'}
          </button>
        )}
      </header>
      <div className="table-scroll">
        <table className="data-table runs-table" aria-label="Runs">
          <thead>
            <tr>
              <th aria-label="Select" />
              <th className="num">#</th>
              <th>Algorithm</th>
              <th>Status</th>
              {metrics.map((m) => (
                <th key={m} className="num">
                  {METRIC_LABELS[m]}
                </th>
              ))}
              <th className="num">Fit time</th>
              <th>Data</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r, i) => (
              <tr
                key={r.id}
                className={state.selected.includes(r.id) ? 'selected' : ''}
                data-testid="run-row"
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select run ${r.id}`}
                    checked={state.selected.includes(r.id)}
                    onChange={() => state.toggle(r.id)}
                  />
                </td>
                <td className="num">{r.status === 'succeeded' ? i + 1 : ''}</td>
                <td>{r.algorithm}</td>
                <td>
                  <span className={`status ${r.status}`} title={r.error}>
                    {r.status}
                  </span>
                </td>
                {metrics.map((m) => (
                  <td key={m} className={m === r.primaryMetric ? 'num primary' : 'num'}>
                    {formatMetric(m, r.metrics[m])}
                  </td>
                ))}
                <td className="num">
                  {r.fitSeconds !== undefined ? formatDuration(r.fitSeconds * 1000) : '—'}
                </td>
                <td className="truncate" title={`${r.versionLabel} → ${r.target}`}>
                  {r.versionLabel} → {r.target}
                </td>
                <td title={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected.length > 0 ? (
        <Comparison runs={selected} metrics={metrics} />
      ) : (
        <p className="muted">Select runs to compare them.</p>
      )}
    </div>
  );
}

/** Succeeded runs best first by their primary metric; the rest after. */
function rank(runs: RunSummary[]): RunSummary[] {
  const score = (r: RunSummary) => {
    const v = r.metrics[r.primaryMetric];
    if (r.status !== 'succeeded' || v === undefined) return -Infinity;
    return r.higherIsBetter ? v : -v;
  };
  return [...runs].sort((a, b) => score(b) - score(a) || b.createdAt.localeCompare(a.createdAt));
}

function Comparison({ runs, metrics }: { runs: RunDetail[]; metrics: MetricKey[] }) {
  const name = (r: RunDetail, i: number) => `${i + 1}. ${r.algorithm}`;
  const paramNames = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const differing = paramNames.filter((p) => new Set(runs.map((r) => JSON.stringify(r.params[p]))).size > 1);
  const primary = runs[0]!.primaryMetric;
  const test = runs.length === 2 ? significance(runs[0]!, runs[1]!, primary) : null;
  return (
    <section className="comparison" aria-label="Comparison" data-testid="comparison">
      <h2>Comparison</h2>
      <div className="comparison-grid">
        <div>
          <h3>Metrics (validation)</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th />
                {runs.map((r, i) => (
                  <th key={r.id} className="num">
                    {name(r, i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => {
                const values = runs.map((r) => r.metrics[m]);
                const finite = values.filter((v): v is number => v !== undefined);
                const best = finite.length
                  ? higherIsBetter(m)
                    ? Math.max(...finite)
                    : Math.min(...finite)
                  : undefined;
                return (
                  <tr key={m}>
                    <th>{METRIC_LABELS[m]}</th>
                    {runs.map((r) => (
                      <td
                        key={r.id}
                        className={r.metrics[m] === best && runs.length > 1 ? 'num best' : 'num'}
                      >
                        {formatMetric(m, r.metrics[m])}
                        {r.metricsStd?.[m] !== undefined && (
                          <span className="muted small"> ± {formatMetric(m, r.metricsStd[m])}</span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {runs.length === 2 && (
            <p className="significance" data-testid="significance">
              {test
                ? `${METRIC_LABELS[primary]}: difference ${formatMetric(primary, test.meanDifference)} over ${test.folds} folds, corrected t = ${test.t.toFixed(2)}, p = ${test.pValue.toFixed(3)} — ${test.pValue < 0.05 ? 'significant at 5%' : 'not significant at 5%: the data cannot tell these apart'}.`
                : 'Train both with k-fold cross-validation on the same data and seed to test whether the difference is significant.'}
            </p>
          )}
          {differing.length > 0 && (
            <>
              <h3>Parameters that differ</h3>
              <table className="data-table compact">
                <tbody>
                  {differing.map((p) => (
                    <tr key={p}>
                      <th>
                        <code>{p}</code>
                      </th>
                      {runs.map((r) => (
                        <td key={r.id}>{r.params[p] === undefined ? '—' : JSON.stringify(r.params[p])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
        <div>
          <h3>Loss curves</h3>
          <LossChart
            height={220}
            series={runs.map((r, i) => ({
              name: name(r, i),
              colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
              points: historyCurve(r.history),
            }))}
          />
          <DiagnosticsChart runs={runs} name={name} />
        </div>
        <ImportanceChart run={runs[0]!} />
        {runs[0]!.diagnostics.confusion && <ConfusionMatrix confusion={runs[0]!.diagnostics.confusion} />}
        <PredictForm run={runs[0]!} />
      </div>
    </section>
  );
}

function significance(a: RunDetail, b: RunDetail, metric: MetricKey) {
  const fa = a.folds?.map((f) => f.metrics[metric]).filter((v): v is number => v !== undefined) ?? [];
  const fb = b.folds?.map((f) => f.metrics[metric]).filter((v): v is number => v !== undefined) ?? [];
  if (fa.length < 2 || fa.length !== fb.length || a.version !== b.version || a.seed !== b.seed) return null;
  return correctedPairedTTest(fa, fb);
}

function ImportanceChart({ run }: { run: RunDetail }) {
  const rows = (
    run.importance.permutation ??
    run.importance.gain?.map((g) => ({ column: g.feature, importance: g.importance, std: 0 })) ??
    []
  )
    .slice()
    .sort((a, b) => b.importance - a.importance)
    .slice(0, 15);
  if (rows.length === 0) return null;
  return (
    <div>
      <h3>
        Feature importance of {run.algorithm} (
        {run.importance.permutation ? 'permutation, drop in the main metric' : 'gain'})
      </h3>
      <ResponsiveContainer width="100%" height={rows.length * 20 + 30}>
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
          <XAxis type="number" tick={CHART_TICK} />
          <YAxis type="category" dataKey="column" width={140} tick={CATEGORY_TICK} interval={0} />
          <Tooltip formatter={(v) => Number(v).toFixed(4)} contentStyle={TOOLTIP_STYLE} />
          <Bar dataKey="importance" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function ConfusionMatrix({ confusion }: { confusion: { labels: string[]; matrix: number[][] } }) {
  const max = Math.max(1, ...confusion.matrix.flat());
  return (
    <div>
      <h3>Confusion matrix (rows: actual, columns: predicted)</h3>
      <table className="confusion">
        <thead>
          <tr>
            <th />
            {confusion.labels.map((l) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.matrix.map((row, i) => (
            <tr key={i}>
              <th>{confusion.labels[i]}</th>
              {row.map((n, j) => (
                <td
                  key={j}
                  style={{
                    background: `hsl(215 75% ${96 - (n / max) * 50}%)`,
                    color: n / max > 0.6 ? '#fff' : undefined,
                  }}
                >
                  {n.toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
