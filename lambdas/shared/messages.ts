/**
 * What arrives on a paging topic, classified. Anything else is thrown as unclassified, so it lands
 * in the dead-letter queue instead of being posted half-understood.
 */
import { MalformedEventError } from './sns-event';

export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export interface AlarmNotification {
  readonly kind: 'alarm';
  readonly alarmName: string;
  readonly description: string;
  readonly newState: AlarmState;
  readonly oldState: AlarmState;
  readonly reason: string;
  readonly changedAt: string;
  readonly region: string;
  readonly threshold?: number;
  readonly comparison?: string;
  /** The breaching (or recovering) datapoint CloudWatch quotes in the reason. */
  readonly currentValue?: number;
}

export interface BudgetNotification {
  readonly kind: 'budget';
  readonly subject: string;
  readonly text: string;
}

export interface AnomalyNotification {
  readonly kind: 'anomaly';
  readonly monitorName: string;
  readonly totalImpactUsd: number;
  readonly services: readonly string[];
  readonly link?: string;
}

/** ops-stack's own messages (recovery workflow, cost report): already written for people. */
export interface OpsNotification {
  readonly kind: 'ops';
  readonly source: string;
  readonly title: string;
  readonly severity?: string;
  readonly lines: readonly string[];
}

export type Notification = AlarmNotification | BudgetNotification | AnomalyNotification | OpsNotification;

const STATES = new Set(['ALARM', 'OK', 'INSUFFICIENT_DATA']);

export function classifyMessage(message: string, subject: string | undefined): Notification {
  const json = tryJson(message);
  if (json && typeof json.AlarmName === 'string' && typeof json.NewStateValue === 'string') {
    return alarmOf(json);
  }
  if (json && typeof json.source === 'string' && json.source.startsWith('ops-stack')) {
    if (typeof json.title !== 'string' || !Array.isArray(json.lines)) {
      throw new MalformedEventError(`ops-stack message from ${json.source}: expected "title" and "lines"`);
    }
    return {
      kind: 'ops',
      source: json.source,
      title: json.title,
      ...(typeof json.severity === 'string' ? { severity: json.severity } : {}),
      lines: json.lines.map(String),
    };
  }
  if (json && (typeof json.anomalyId === 'string' || typeof json.anomalyDetailsLink === 'string')) {
    const impact = json.impact as { totalImpact?: unknown } | undefined;
    const causes = Array.isArray(json.rootCauses) ? (json.rootCauses as { service?: unknown }[]) : [];
    return {
      kind: 'anomaly',
      monitorName: String(json.monitorName ?? 'cost monitor'),
      totalImpactUsd: Number(impact?.totalImpact ?? 0),
      services: [...new Set(causes.map((c) => String(c.service ?? 'unknown')))],
      ...(typeof json.anomalyDetailsLink === 'string' ? { link: json.anomalyDetailsLink } : {}),
    };
  }
  if (!json && /AWS Budget Notification|AWS Budgets/i.test(`${subject ?? ''} ${message}`)) {
    return { kind: 'budget', subject: subject ?? 'AWS Budgets', text: message.trim() };
  }
  throw new MalformedEventError(
    `unclassified message (not a CloudWatch alarm, budget, cost anomaly or ops-stack message): ${message.slice(0, 120)}`,
  );
}

function alarmOf(json: Record<string, unknown>): AlarmNotification {
  const state = (key: string): AlarmState => {
    const value = json[key];
    if (typeof value !== 'string' || !STATES.has(value)) {
      throw new MalformedEventError(`alarm message ${key}: expected ALARM, OK or INSUFFICIENT_DATA`);
    }
    return value as AlarmState;
  };
  const trigger = (json.Trigger ?? {}) as Record<string, unknown>;
  const reason = String(json.NewStateReason ?? '');
  const current = /\[(-?[\d.]+(?:E-?\d+)?) \(/i.exec(reason)?.[1];
  return {
    kind: 'alarm',
    alarmName: json.AlarmName as string,
    description: String(json.AlarmDescription ?? ''),
    newState: state('NewStateValue'),
    oldState: state('OldStateValue'),
    reason,
    changedAt: String(json.StateChangeTime ?? ''),
    region: String(json.Region ?? ''),
    ...(typeof trigger.Threshold === 'number' ? { threshold: trigger.Threshold } : {}),
    ...(typeof trigger.ComparisonOperator === 'string' ? { comparison: trigger.ComparisonOperator } : {}),
    ...(current !== undefined ? { currentValue: Number(current) } : {}),
  };
}

function tryJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
