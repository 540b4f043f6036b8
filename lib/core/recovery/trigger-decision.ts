/**
 * Whether an event starts a recovery. Pure: the recovery-trigger function, the ops CLI and the alarm
 * replay all ask this one function, so what starts a restore is decided in one place. Everything
 * that is not the stack's own RDS instance event or database-down alarm is refused with a reason,
 * before any AWS call.
 */
import { z } from 'zod';
import { type Incident, newIncident } from './incident';

/** RDS-EVENT-0031: the instance failed; RDS-EVENT-0003: the instance was deleted. */
export const RECOVERY_EVENT_IDS = ['RDS-EVENT-0031', 'RDS-EVENT-0003'] as const;
export type RecoveryEventId = (typeof RECOVERY_EVENT_IDS)[number];

/** What the CLI sends (`npm run ops -- recovery start|plan`). */
export const MANUAL_EVENT_KIND = 'ops-stack.recovery-start';

/** The detail-type EventBridge gives DB instance events (snapshot and cluster events have others). */
export const RDS_INSTANCE_DETAIL_TYPE = 'RDS DB Instance Event';
export const ALARM_DETAIL_TYPE = 'CloudWatch Alarm State Change';

/**
 * How far an event's time may be from now. EventBridge retries a target for at most the rule's
 * maximum event age (30 minutes here, see recovery-triggers.ts), so an automatic event older than an
 * hour is a replay or a forged date; a manual start may name a failure up to a day back.
 */
export const EVENT_WINDOW = { pastMinutes: 60, futureMinutes: 5, manualPastMinutes: 24 * 60 } as const;

export interface TriggerContext {
  readonly account: string;
  readonly region: string;
  /** The configured source instance. */
  readonly instance: string;
  /** The RDS event IDs that start a recovery. @default - RECOVERY_EVENT_IDS */
  readonly eventIds?: readonly RecoveryEventId[];
  /** The stack's database-down alarm; without it, alarm events are refused. */
  readonly databaseDownAlarmArn?: string;
  readonly now: Date;
}

export type TriggerDecision =
  | { readonly start: true; readonly incident: Incident }
  | { readonly start: false; readonly reason: string };

const envelope = z.looseObject({
  source: z.string(),
  'detail-type': z.string(),
  account: z.string(),
  region: z.string(),
  time: z.string(),
  resources: z.array(z.string()).default([]),
  detail: z.looseObject({}),
});
const rdsDetail = z.looseObject({
  EventID: z.string(),
  SourceIdentifier: z.string(),
  Date: z.string().optional(),
});
const alarmDetail = z.looseObject({
  state: z.looseObject({ value: z.string(), timestamp: z.string().optional() }),
});
const manualEvent = z.strictObject({
  kind: z.literal(MANUAL_EVENT_KIND),
  mode: z.enum(['recover', 'plan']).default('recover'),
  failureTime: z.string().optional(),
});

const refuse = (reason: string): TriggerDecision => ({ start: false, reason });

/** Start with an incident, or refuse with the reason to log. Never throws on bad input. */
export function decideTrigger(event: unknown, context: TriggerContext): TriggerDecision {
  const manual = manualEvent.safeParse(event);
  if (manual.success) {
    const failureTime = manual.data.failureTime ?? context.now.toISOString();
    const late = outsideWindow(failureTime, context.now, EVENT_WINDOW.manualPastMinutes);
    if (late) return refuse(`manual start: failureTime ${late}`);
    return {
      start: true,
      incident: newIncident(
        context.instance,
        iso(failureTime),
        'manual',
        context.now.toISOString(),
        manual.data.mode,
      ),
    };
  }
  const parsed = envelope.safeParse(event);
  if (!parsed.success) {
    return refuse(
      `not an EventBridge event or {"kind":"${MANUAL_EVENT_KIND}"}: ${describeIssues(parsed.error)}`,
    );
  }
  const e = parsed.data;
  if (e.account !== context.account) return refuse(`account ${e.account} is not ${context.account}`);
  if (e.region !== context.region) return refuse(`region ${e.region} is not ${context.region}`);
  if (e.source === 'aws.rds') return decideRds(e, context);
  if (e.source === 'aws.cloudwatch') return decideAlarm(e, context);
  return refuse(`source ${e.source} is neither aws.rds nor aws.cloudwatch`);
}

function decideRds(e: z.infer<typeof envelope>, context: TriggerContext): TriggerDecision {
  if (e['detail-type'] !== RDS_INSTANCE_DETAIL_TYPE) {
    return refuse(`detail-type "${e['detail-type']}" is not "${RDS_INSTANCE_DETAIL_TYPE}"`);
  }
  const detail = rdsDetail.safeParse(e.detail);
  if (!detail.success) return refuse(`RDS event detail: ${describeIssues(detail.error)}`);
  const d = detail.data;
  if (d.SourceIdentifier !== context.instance) {
    return refuse(`RDS event for ${d.SourceIdentifier}, not the configured instance ${context.instance}`);
  }
  const ids: readonly string[] = context.eventIds ?? RECOVERY_EVENT_IDS;
  const id = RECOVERY_EVENT_IDS.find((x) => x === d.EventID && ids.includes(x));
  if (!id) return refuse(`RDS event ${d.EventID} is not one of ${ids.join(', ')}`);
  const failureTime = d.Date ?? e.time;
  const late = outsideWindow(failureTime, context.now, EVENT_WINDOW.pastMinutes);
  if (late) return refuse(`RDS event ${id}: time ${late}`);
  return {
    start: true,
    incident: newIncident(context.instance, iso(failureTime), id, context.now.toISOString()),
  };
}

function decideAlarm(e: z.infer<typeof envelope>, context: TriggerContext): TriggerDecision {
  if (e['detail-type'] !== ALARM_DETAIL_TYPE) {
    return refuse(`detail-type "${e['detail-type']}" is not "${ALARM_DETAIL_TYPE}"`);
  }
  if (!context.databaseDownAlarmArn) return refuse('this stack has no database-down alarm');
  if (!e.resources.includes(context.databaseDownAlarmArn)) {
    return refuse(
      `alarm ${e.resources.join(', ') || '(none)'} is not the database-down alarm ${context.databaseDownAlarmArn}`,
    );
  }
  const detail = alarmDetail.safeParse(e.detail);
  if (!detail.success) return refuse(`alarm event detail: ${describeIssues(detail.error)}`);
  const state = detail.data.state;
  if (state.value !== 'ALARM') return refuse(`the database-down alarm went to ${state.value}, not ALARM`);
  const failureTime = state.timestamp ?? e.time;
  const late = outsideWindow(failureTime, context.now, EVENT_WINDOW.pastMinutes);
  if (late) return refuse(`database-down alarm: time ${late}`);
  return {
    start: true,
    incident: newIncident(context.instance, iso(failureTime), 'alarm', context.now.toISOString()),
  };
}

/** Why `time` is not acceptable, or undefined when it is within [now - past, now + future]. */
function outsideWindow(time: string, now: Date, pastMinutes: number): string | undefined {
  const t = Date.parse(time);
  if (Number.isNaN(t)) return `"${time}" is not a timestamp`;
  if (t < now.getTime() - pastMinutes * 60_000) {
    return `${time} is more than ${pastMinutes} minutes before now (${now.toISOString()})`;
  }
  if (t > now.getTime() + EVENT_WINDOW.futureMinutes * 60_000) {
    return `${time} is more than ${EVENT_WINDOW.futureMinutes} minutes after now (${now.toISOString()})`;
  }
  return undefined;
}

/** CloudWatch writes "2019-10-02T17:04:40.985+0000"; incidents carry ISO 8601 UTC. */
const iso = (time: string): string => new Date(Date.parse(time)).toISOString();

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
    .join('; ');
