/**
 * What arrives on a paging topic, classified and parsed with zod. Anything else is thrown as
 * unclassified, so it lands in the dead-letter queue instead of being posted half-understood.
 * None of these carries a severity: the topic a message arrived on is the only source of that.
 */
import { z } from 'zod';
import { OPS_MESSAGE_SOURCE_PREFIX, opsMessageSchema } from '../../lib/core/contracts/notifier';
import { MalformedEventError, parseOrThrow } from './sns-event';

export const alarmStateSchema = z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA'], {
  error: 'expected ALARM, OK or INSUFFICIENT_DATA',
});
export type AlarmState = z.infer<typeof alarmStateSchema>;

export interface AlarmNotification {
  readonly kind: 'alarm';
  readonly alarmName: string;
  readonly description: string;
  readonly newState: AlarmState;
  readonly oldState: AlarmState;
  readonly reason: string;
  readonly changedAt: string;
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
  readonly lines: readonly string[];
}

export type Notification = AlarmNotification | BudgetNotification | AnomalyNotification | OpsNotification;

/** The JSON CloudWatch publishes to an alarm action's topic (metric and composite alarms). */
const alarmMessageSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  NewStateValue: alarmStateSchema,
  OldStateValue: alarmStateSchema,
  NewStateReason: z.string().nullish(),
  StateChangeTime: z.string().nullish(),
  Trigger: z
    .object({ Threshold: z.number().optional(), ComparisonOperator: z.string().optional() })
    .nullish(),
});

/** Cost Anomaly Detection's SNS message (fields ops-stack reads). */
const anomalyMessageSchema = z.object({
  monitorName: z.string().optional(),
  impact: z.object({ totalImpact: z.number().optional() }).optional(),
  rootCauses: z.array(z.object({ service: z.string().optional() })).optional(),
  anomalyDetailsLink: z.string().optional(),
});

export function classifyMessage(message: string, subject: string | undefined): Notification {
  const json = tryJson(message);
  if (json && typeof json.AlarmName === 'string' && 'NewStateValue' in json) {
    return alarmOf(parseOrThrow(alarmMessageSchema, json, 'alarm message'));
  }
  if (json && typeof json.source === 'string' && json.source.startsWith(OPS_MESSAGE_SOURCE_PREFIX)) {
    const ops = parseOrThrow(opsMessageSchema, json, `ops-stack message from ${json.source}`);
    return { kind: 'ops', source: ops.source, title: ops.title, lines: ops.lines };
  }
  if (json && (typeof json.anomalyId === 'string' || typeof json.anomalyDetailsLink === 'string')) {
    const a = parseOrThrow(anomalyMessageSchema, json, 'cost anomaly message');
    return {
      kind: 'anomaly',
      monitorName: a.monitorName ?? 'cost monitor',
      totalImpactUsd: a.impact?.totalImpact ?? 0,
      services: [...new Set((a.rootCauses ?? []).map((c) => c.service ?? 'unknown'))],
      ...(a.anomalyDetailsLink !== undefined ? { link: a.anomalyDetailsLink } : {}),
    };
  }
  if (!json && /AWS Budget Notification|AWS Budgets/i.test(`${subject ?? ''} ${message}`)) {
    return { kind: 'budget', subject: subject ?? 'AWS Budgets', text: message.trim() };
  }
  throw new MalformedEventError(
    `unclassified message (not a CloudWatch alarm, budget, cost anomaly or ops-stack message): ${[...message].slice(0, 120).join('')}`,
  );
}

function alarmOf(m: z.infer<typeof alarmMessageSchema>): AlarmNotification {
  const reason = m.NewStateReason ?? '';
  const current = datapointOf(reason);
  return {
    kind: 'alarm',
    alarmName: m.AlarmName,
    description: m.AlarmDescription ?? '',
    newState: m.NewStateValue,
    oldState: m.OldStateValue,
    reason,
    changedAt: m.StateChangeTime ?? '',
    ...(m.Trigger?.Threshold !== undefined ? { threshold: m.Trigger.Threshold } : {}),
    ...(m.Trigger?.ComparisonOperator !== undefined ? { comparison: m.Trigger.ComparisonOperator } : {}),
    ...(current !== undefined ? { currentValue: current } : {}),
  };
}

/** The first datapoint CloudWatch quotes in a threshold reason: `[12.5 (22/11/26 10:02:00), …]`. */
export function datapointOf(reason: string): number | undefined {
  const value = /\[(-?[\d.]+(?:E-?\d+)?) \(/i.exec(reason)?.[1];
  return value === undefined ? undefined : Number(value);
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
