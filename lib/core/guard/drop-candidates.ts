/** What to drop, cheapest severity first, when an allowance is exceeded. */
import { parseAlarmName } from '../catalog/naming';
import type { AlarmUsage, DashboardUsage } from './inventory';

export interface DropCandidate {
  readonly what: string;
  readonly frees: string;
}

const SEVERITY_ORDER: readonly string[] = ['P3', 'P2', 'P1', 'P0'];

/** Lowest severity first: the alarms a team can most easily move to a dashboard. */
export function dropCandidates(
  alarms: readonly AlarmUsage[],
  dashboards: readonly DashboardUsage[],
): DropCandidate[] {
  // Alarms not named by ops-stack sort first: nothing says they page.
  const severityOf = (name: string) => SEVERITY_ORDER.indexOf(parseAlarmName(name)?.severity ?? '');
  const alarmRows = [...alarms]
    .sort((a, b) => severityOf(a.name) - severityOf(b.name) || b.standard - a.standard)
    .map((a) => ({
      what: `alarm ${a.name} (${a.stack})`,
      frees: a.composite ? `1 composite ($0.50)` : `${a.standard + a.highResolution} alarm metric(s)`,
    }));
  const dashboardRows = dashboards.map((d) => ({
    what: `dashboard ${d.stack}/${d.logicalId}`,
    frees: '1 dashboard',
  }));
  return [...alarmRows, ...dashboardRows];
}
