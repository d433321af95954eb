/**
 * The curves that judge a model beyond one number, overlaid for the runs compared: ROC
 * and precision–recall (classification), calibration (is a predicted 0.8 right 80% of
 * the time?), and residuals against predictions (regression).
 */
import { useState } from 'react';
import type { RunDetail } from '../../shared/training';
import { CurveChart } from './CurveChart';
import { DIAGNOSTIC_AXES, type DiagnosticKind } from './diagnostic-kinds';
import { ResidualsChart } from './ResidualsChart';

const KINDS: DiagnosticKind[] = ['roc', 'pr', 'calibration', 'residuals'];

function has(run: RunDetail, kind: DiagnosticKind): boolean {
  if (kind === 'residuals') return Boolean(run.diagnostics.residuals);
  if (kind === 'calibration') return Boolean(run.diagnostics.calibration);
  return Boolean(run.diagnostics[kind]?.length);
}

export function DiagnosticsChart({
  runs,
  name,
}: {
  runs: RunDetail[];
  name: (r: RunDetail, i: number) => string;
}) {
  const available = KINDS.filter((k) => runs.some((r) => has(r, k)));
  const [chosen, setChosen] = useState<DiagnosticKind | null>(null);
  const kind = chosen && available.includes(chosen) ? chosen : available[0];
  if (!kind) return null;
  return (
    <div data-testid="diagnostics">
      <div className="row">
        <h3>{DIAGNOSTIC_AXES[kind].title}</h3>
        <div className="segmented small">
          {available.map((k) => (
            <button key={k} type="button" className={k === kind ? 'on' : ''} onClick={() => setChosen(k)}>
              {DIAGNOSTIC_AXES[k].title.replace(' curve', '')}
            </button>
          ))}
        </div>
      </div>
      {kind === 'residuals' ? (
        <ResidualsChart runs={runs} name={name} />
      ) : (
        <CurveChart runs={runs} name={name} kind={kind} />
      )}
      {runs[0]!.task === 'multiclass' && kind !== 'calibration' && (
        <p className="muted small">Multiclass: the first class against the rest.</p>
      )}
    </div>
  );
}
