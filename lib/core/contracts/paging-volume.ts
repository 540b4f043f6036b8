/**
 * Messages a month on each severity topic, for pricing SNS publishes and deliveries: what the
 * stack publishes, from its alarms, budget, anomaly monitor, cost report and recovery workflow.
 * Alarm changes and incidents are assumptions (function-logs.ts, recovery/cost.ts); the report's
 * runs follow its schedule.
 */
import { invocationsPerMonth } from '../guard/schedules';
import { SERVICE_TOPICS } from '../paging/publishers';
import { SEVERITIES, type Severity } from '../severity/severities';
import { ASSUMED_STATE_CHANGES_PER_ALARM } from './function-logs';

export interface TopicVolumeInputs {
  readonly alarmSeverities: readonly Severity[];
  readonly reportSchedule: string;
  /** Budget notifications by the topic they go to (urgent P2, notice P3). */
  readonly budgetNotifications: { readonly urgent: number; readonly notice: number };
  readonly anomalyAlerts: number;
  readonly recoveryRuns: number;
}

export function topicMessagesPerMonth(i: TopicVolumeInputs): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const add = (s: Severity, n: number) => {
    out[s] += n;
  };
  for (const s of i.alarmSeverities) add(s, ASSUMED_STATE_CHANGES_PER_ALARM);
  add(SERVICE_TOPICS.budget.urgent, i.budgetNotifications.urgent);
  add(SERVICE_TOPICS.budget.notice, i.budgetNotifications.notice);
  add(SERVICE_TOPICS.anomalyMonitor.urgent, i.anomalyAlerts);
  // Weekly reports are notices; each budget or anomaly notice brings an urgent report.
  add(SERVICE_TOPICS.costReport.notice, invocationsPerMonth(i.reportSchedule));
  add(
    SERVICE_TOPICS.costReport.urgent,
    i.budgetNotifications.urgent + i.budgetNotifications.notice + i.anomalyAlerts,
  );
  // A run pages once (approval or failure) and reports once.
  add(SERVICE_TOPICS.recovery.page, i.recoveryRuns);
  add(SERVICE_TOPICS.recovery.report, i.recoveryRuns);
  return out;
}
