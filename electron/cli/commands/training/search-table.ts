/** The trials of a parameter search as `assay train --search` prints them: best first. */
import { formatMetric, higherIsBetter } from '../../../../shared/metrics';
import type { RunDetail, RunSearch, SearchTrial } from '../../../../shared/training';
import { tableLines } from '../../text-table';
import { formatParam, formatSeconds } from './run-text';

/** The trials best first, the searched params as columns, then the params chosen. */
export function searchTable(run: RunDetail, search: RunSearch, keys: string[]): string[] {
  const sign = higherIsBetter(search.metric) ? -1 : 1;
  const key = (t: SearchTrial): number => (Number.isFinite(t.score) ? sign * t.score : Infinity);
  const order = search.trials.map((t, i) => ({ t, i })).sort((a, b) => key(a.t) - key(b.t));
  const header = ['RANK', 'TRIAL', ...keys.map((k) => k.toUpperCase()), search.metric.toUpperCase(), 'FIT'];
  const rows = order.map(({ t, i }, r) => [
    String(r + 1),
    String(i + 1),
    ...keys.map((k) => formatParam(t.params[k])),
    formatMetric(search.metric, t.score),
    formatSeconds(t.fitSeconds),
  ]);
  const n = search.trials.length;
  return [
    `${search.strategy === 'grid' ? 'Grid' : 'Random'} search: ${n} trial${n === 1 ? '' : 's'}, ranked by ${search.metric} (${sign < 0 ? 'higher' : 'lower'} is better); ${stoppedBecause(search)}.`,
    ...tableLines(header, rows, { align: () => 'right', indent: '  ' }),
    `Chosen params: ${keys.map((k) => `${k}=${formatParam(run.params[k])}`).join(' ')}`,
  ];
}

function stoppedBecause(search: RunSearch): string {
  if (search.stoppedBy === 'trials') return 'stopped at the --trials limit';
  if (search.stoppedBy === 'time') return 'stopped at the --seconds limit';
  return search.strategy === 'grid' ? 'every combination tried' : 'every trial run';
}
