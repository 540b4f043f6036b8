/**
 * Whether the replayed incident would start a DB recovery. The scenario's RDS events and every
 * state change of the database-down alarm are turned into the EventBridge events the stack's
 * triggers receive, and the recovery trigger's own `decideTrigger` judges each one: the replay
 * asks the same code the deployed function runs, so it cannot disagree with it.
 * Mute windows do not apply here: the trigger is an EventBridge rule on the alarm's state change,
 * not an alarm action, and "targeted alarms continue to evaluate metrics and transition between
 * states, but their configured actions ... are muted" (AWS::CloudWatch::AlarmMuteRule).
 */
import type { ResolvedCatalog } from '../../catalog/resolve';
import type { EnvironmentConfig } from '../../config/schema';
import {
  ALARM_DETAIL_TYPE,
  decideTrigger,
  RDS_INSTANCE_DETAIL_TYPE,
  type TriggerContext,
} from '../../recovery/trigger-decision';
import type { AlarmTrace } from '../run';

/** An RDS event the scenario says the instance emitted. */
export interface ScenarioRdsEvent {
  readonly minute: number;
  /** e.g. RDS-EVENT-0031 (failure), RDS-EVENT-0004 (shutdown). */
  readonly eventId: string;
  /** @default - the environment's database.instanceIdentifier */
  readonly instance?: string;
}

export interface RecoveryDecision {
  readonly minute: number;
  /** What arrived: `RDS-EVENT-0031 of ticketing-prod-db` or `database-down OK -> ALARM`. */
  readonly event: string;
  readonly start: boolean;
  /** Why the trigger refused it. @default - none (it started a recovery) */
  readonly reason?: string;
}

export interface RecoveryReplay {
  /** False when the environment deploys no recovery workflow (recovery.enabled false). */
  readonly deployed: boolean;
  /** Every event the trigger would receive, in order, with its decision. */
  readonly decisions: readonly RecoveryDecision[];
  /** Minute of the first event that starts a recovery. @default - none started */
  readonly startMinute?: number;
}

/** Scenario minute 0, in UTC: scenarios have no date, the trigger needs one. */
export const SCENARIO_EPOCH_MS = Date.parse('2026-01-05T00:00:00.000Z');
const DATABASE_DOWN = 'database-down';

const at = (minute: number) => new Date(SCENARIO_EPOCH_MS + minute * 60_000);

export function replayRecovery(
  config: EnvironmentConfig,
  catalog: ResolvedCatalog,
  alarms: readonly AlarmTrace[],
  rdsEvents: readonly ScenarioRdsEvent[],
): RecoveryReplay {
  if (!config.recovery?.enabled) return { deployed: false, decisions: [] };
  const account = config.account ?? '000000000000';
  const region = config.region;
  const instance = config.database.instanceIdentifier;
  const databaseDown = catalog.alarms.some((a) => a.id === DATABASE_DOWN)
    ? alarms.find((a) => a.id === DATABASE_DOWN)
    : undefined;
  const alarmArn = databaseDown
    ? `arn:aws:cloudwatch:${region}:${account}:alarm:${databaseDown.name}`
    : undefined;
  const context = (minute: number): TriggerContext => ({
    account,
    region,
    instance,
    now: at(minute),
    ...(alarmArn ? { databaseDownAlarmArn: alarmArn } : {}),
  });
  const arrivals: { minute: number; event: string; body: unknown }[] = [];
  for (const e of rdsEvents) {
    const source = e.instance ?? instance;
    const time = at(e.minute).toISOString();
    arrivals.push({
      minute: e.minute,
      event: `${e.eventId} of ${source}`,
      body: {
        source: 'aws.rds',
        'detail-type': RDS_INSTANCE_DETAIL_TYPE,
        account,
        region,
        time,
        resources: [`arn:aws:rds:${region}:${account}:db:${source}`],
        detail: { EventID: e.eventId, SourceIdentifier: source, SourceType: 'DB_INSTANCE', Date: time },
      },
    });
  }
  for (const t of databaseDown?.transitions ?? []) {
    const time = at(t.minute).toISOString();
    arrivals.push({
      minute: t.minute,
      event: `${DATABASE_DOWN} ${t.from} -> ${t.to}`,
      body: {
        source: 'aws.cloudwatch',
        'detail-type': ALARM_DETAIL_TYPE,
        account,
        region,
        time,
        resources: [alarmArn],
        detail: {
          alarmName: databaseDown?.name,
          state: { value: t.to, timestamp: time },
          previousState: { value: t.from },
        },
      },
    });
  }
  arrivals.sort((a, b) => a.minute - b.minute);
  const decisions = arrivals.map(({ minute, event, body }): RecoveryDecision => {
    const d = decideTrigger(body, context(minute));
    return d.start ? { minute, event, start: true } : { minute, event, start: false, reason: d.reason };
  });
  const first = decisions.find((d) => d.start);
  return { deployed: true, decisions, ...(first ? { startMinute: first.minute } : {}) };
}
