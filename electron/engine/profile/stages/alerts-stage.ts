/**
 * The alerts stage: dataset, column and correlation alerts, and — with a target — every
 * column ranked by its association with it and the leakage alerts that ranking raises.
 */
import type { Alert, Associations, Profile } from '../../../../shared/profile';
import { columnAlerts, correlationAlerts, datasetAlerts, sortAlerts, targetLeakageAlerts } from '../alerts';
import { rankByTarget } from '../associations';
import type { ProfileRun } from '../run-context';
import type { ProfileDraft } from './overview-stage';

export function alertsStage(
  run: ProfileRun,
  draft: ProfileDraft,
  associations: Associations,
): { alerts: Alert[]; target: Profile['target'] } {
  const { thresholds, target: targetColumn } = run.settings;
  let target: Profile['target'];
  const alerts: Alert[] = [...datasetAlerts(draft.overview, thresholds)];
  for (const p of draft.columns) alerts.push(...columnAlerts(p, thresholds));
  alerts.push(...correlationAlerts(associations, thresholds));
  if (targetColumn !== undefined) {
    const ranking = rankByTarget(associations, targetColumn);
    target = { column: targetColumn, ranking };
    alerts.push(...targetLeakageAlerts(targetColumn, ranking, thresholds));
  }
  sortAlerts(alerts);
  run.progress.endStage('alerts');
  return { alerts, target };
}
