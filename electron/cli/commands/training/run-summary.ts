/** One trained run as `assay train` prints it for people: what, how validated, metrics, next step. */
import { formatMetric } from '../../../../shared/metrics';
import type { AlgorithmId, RunDetail } from '../../../../shared/training';
import { describeValidation, formatSeconds, terminalMetrics } from './run-text';
import { searchTable } from './search-table';

/** `labelOf` names an algorithm as the catalogue does; `searched` are the params a search tried. */
export function runSummary(run: RunDetail, labelOf: (id: AlgorithmId) => string, searched: string[]): string {
  const classes = run.classes ? `, ${run.classes.length} classes` : '';
  const backend = run.backend ? ` on tfjs ${run.backend}` : '';
  const lines = [
    `Trained ${labelOf(run.algorithm).toLowerCase()} on ${run.versionLabel} → ${run.target} (${run.task}${classes}) in ${formatSeconds(run.fitSeconds)}${backend}.`,
    `  Run ${run.id}; ${describeValidation(run)}.`,
  ];
  const metrics = terminalMetrics(run.task).filter((m) => run.metrics[m] !== undefined);
  const shown = metrics.map((m) => {
    const std = run.metricsStd?.[m];
    return `${m} ${formatMetric(m, run.metrics[m])}${std !== undefined ? ` ± ${formatMetric(m, std)}` : ''}`;
  });
  lines.push(`  ${shown.join('   ')}`);
  for (const w of run.warnings ?? []) lines.push(`  Note: ${w}`);
  if (run.search) lines.push(...searchTable(run, run.search, searched));
  lines.push(`Predict with: assay predict ${run.id} FILE --out predictions.csv`);
  return lines.join('\n');
}
