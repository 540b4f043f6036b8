/**
 * What publishes to which severity topic. The stack wires budgets, the anomaly monitor, the cost
 * report and the recovery workflow to topics through `SERVICE_TOPICS`, and the reachability check
 * reads the same table, so the two cannot disagree.
 */
import { SEVERITIES, type Severity } from '../severity/severities';

export const SERVICE_TOPICS = {
  /** Budget alerts: forecast over the expectation is urgent, actual spend a notice. */
  budget: { urgent: 'P2', notice: 'P3' },
  /** Cost Anomaly Detection alerts. */
  anomalyMonitor: { urgent: 'P2' },
  /** The weekly cost and free-tier report and its findings. */
  costReport: { urgent: 'P2', notice: 'P3' },
  /** The DB recovery workflow: approval requests and failures page, reports inform. */
  recovery: { page: 'P0', report: 'P1' },
} as const satisfies Record<string, Record<string, Severity>>;

export interface PublishingAlarm {
  readonly id: string;
  readonly severity: Severity;
  /** An alarm without actions publishes nothing. */
  readonly actionsEnabled: boolean;
}

export interface PublisherInput {
  readonly alarms: readonly PublishingAlarm[];
  readonly budget: boolean;
  readonly anomalyMonitor: boolean;
  readonly recovery: boolean;
}

/** Per severity, what publishes to its topic, in words ("alarm service-down", "the cost report"). */
export function publishersBySeverity(input: PublisherInput): Record<Severity, string[]> {
  const by = Object.fromEntries(SEVERITIES.map((s) => [s, [] as string[]])) as Record<Severity, string[]>;
  for (const alarm of input.alarms) if (alarm.actionsEnabled) by[alarm.severity].push(`alarm ${alarm.id}`);
  const services: [boolean, string, Record<string, Severity>][] = [
    [input.budget, 'the account budget', SERVICE_TOPICS.budget],
    [input.anomalyMonitor, 'the cost anomaly monitor', SERVICE_TOPICS.anomalyMonitor],
    [true, 'the cost report', SERVICE_TOPICS.costReport],
    [input.recovery, 'the recovery workflow', SERVICE_TOPICS.recovery],
  ];
  for (const [present, name, topics] of services) {
    if (!present) continue;
    for (const severity of new Set(Object.values(topics))) by[severity].push(name);
  }
  return by;
}
