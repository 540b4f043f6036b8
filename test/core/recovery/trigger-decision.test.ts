import { describe, expect, it } from 'vitest';
import {
  decideTrigger,
  EVENT_WINDOW,
  MANUAL_EVENT_KIND,
  type TriggerContext,
} from '../../../lib/core/recovery/trigger-decision';

const ALARM_ARN = 'arn:aws:cloudwatch:ap-northeast-2:111111111111:alarm:ops-stack-dev-P0-database-down';
const context: TriggerContext = {
  account: '111111111111',
  region: 'ap-northeast-2',
  instance: 'ticketing-dev-db',
  databaseDownAlarmArn: ALARM_ARN,
  now: new Date('2026-11-22T10:01:00Z'),
};

// The shape of "RDS DB Instance Event" (EventBridge user guide, Amazon RDS events).
const rdsEvent = (overrides: Record<string, unknown> = {}, detail: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'a1b2c3',
  'detail-type': 'RDS DB Instance Event',
  source: 'aws.rds',
  account: '111111111111',
  time: '2026-11-22T10:00:40Z',
  region: 'ap-northeast-2',
  resources: ['arn:aws:rds:ap-northeast-2:111111111111:db:ticketing-dev-db'],
  detail: {
    EventCategories: ['failure'],
    SourceType: 'DB_INSTANCE',
    SourceIdentifier: 'ticketing-dev-db',
    Date: '2026-11-22T10:00:00.123Z',
    Message: 'DB instance failed',
    EventID: 'RDS-EVENT-0031',
    ...detail,
  },
  ...overrides,
});

// CloudWatch writes its state timestamp as "2019-10-02T17:04:40.985+0000" (alarm state change event).
const alarmEvent = (overrides: Record<string, unknown> = {}, state: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'c4d5e6',
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: '111111111111',
  time: '2026-11-22T10:00:50Z',
  region: 'ap-northeast-2',
  resources: [ALARM_ARN],
  detail: {
    alarmName: 'ops-stack-dev-P0-database-down',
    state: {
      value: 'ALARM',
      reason: 'probe saw db DOWN',
      timestamp: '2026-11-22T10:00:50.985+0000',
      ...state,
    },
    previousState: { value: 'OK' },
  },
  ...overrides,
});

const reasonOf = (event: unknown, c: TriggerContext = context) => {
  const d = decideTrigger(event, c);
  return d.start ? `started ${d.incident.id}` : d.reason;
};

describe('decideTrigger: what starts a recovery', () => {
  it('the configured instance failing (RDS-EVENT-0031) starts an incident keyed by the failure hour', () => {
    expect(decideTrigger(rdsEvent(), context)).toEqual({
      start: true,
      incident: {
        id: 'ticketing-dev-db-2026112210',
        instance: 'ticketing-dev-db',
        failureTime: '2026-11-22T10:00:00.123Z',
        signal: 'RDS-EVENT-0031',
        signalTime: '2026-11-22T10:01:00.000Z',
        mode: 'recover',
      },
    });
  });

  it('deletion (RDS-EVENT-0003) starts one, with the envelope time when detail has no Date', () => {
    const d = decideTrigger(rdsEvent({}, { EventID: 'RDS-EVENT-0003', Date: undefined }), context);
    expect(d).toMatchObject({
      start: true,
      incident: { signal: 'RDS-EVENT-0003', failureTime: '2026-11-22T10:00:40.000Z' },
    });
  });

  it("the stack's own database-down alarm going to ALARM starts one at the alarm's timestamp", () => {
    expect(decideTrigger(alarmEvent(), context)).toMatchObject({
      start: true,
      incident: { signal: 'alarm', failureTime: '2026-11-22T10:00:50.985Z', mode: 'recover' },
    });
  });

  it('a manual start: plan mode kept, failure time defaults to now', () => {
    expect(decideTrigger({ kind: MANUAL_EVENT_KIND, mode: 'plan' }, context)).toMatchObject({
      start: true,
      incident: { signal: 'manual', mode: 'plan', failureTime: '2026-11-22T10:01:00.000Z' },
    });
    expect(
      decideTrigger({ kind: MANUAL_EVENT_KIND, failureTime: '2026-11-21T12:00:00Z' }, context),
    ).toMatchObject({ start: true, incident: { mode: 'recover', id: 'ticketing-dev-db-2026112112' } });
  });

  it('listed event IDs narrow what starts one', () => {
    expect(
      reasonOf(rdsEvent({}, { EventID: 'RDS-EVENT-0003' }), { ...context, eventIds: ['RDS-EVENT-0031'] }),
    ).toBe('RDS event RDS-EVENT-0003 is not one of RDS-EVENT-0031');
  });
});

describe('decideTrigger: everything else is refused with a reason', () => {
  it.each([
    ['another account', rdsEvent({ account: '222222222222' }), 'account 222222222222 is not 111111111111'],
    ['another region', rdsEvent({ region: 'us-east-1' }), 'region us-east-1 is not ap-northeast-2'],
    [
      'a snapshot event',
      rdsEvent({ 'detail-type': 'RDS DB Snapshot Event' }),
      'detail-type "RDS DB Snapshot Event" is not "RDS DB Instance Event"',
    ],
    [
      'a cluster event',
      rdsEvent({ 'detail-type': 'RDS DB Cluster Event' }),
      'detail-type "RDS DB Cluster Event" is not "RDS DB Instance Event"',
    ],
    [
      'another instance',
      rdsEvent({}, { SourceIdentifier: 'payments-db' }),
      'RDS event for payments-db, not the configured instance ticketing-dev-db',
    ],
    [
      'an event that is not a failure',
      rdsEvent({}, { EventID: 'RDS-EVENT-0006' }),
      'RDS event RDS-EVENT-0006 is not one of RDS-EVENT-0031, RDS-EVENT-0003',
    ],
    [
      'a date in 2019',
      rdsEvent({}, { Date: '2019-11-22T10:00:00Z' }),
      'RDS event RDS-EVENT-0031: time 2019-11-22T10:00:00Z is more than 60 minutes before now (2026-11-22T10:01:00.000Z)',
    ],
    [
      'a date in 2099',
      rdsEvent({}, { Date: '2099-11-22T10:00:00Z' }),
      'RDS event RDS-EVENT-0031: time 2099-11-22T10:00:00Z is more than 5 minutes after now (2026-11-22T10:01:00.000Z)',
    ],
    [
      'a date that is not one',
      rdsEvent({}, { Date: 'yesterday' }),
      'RDS event RDS-EVENT-0031: time "yesterday" is not a timestamp',
    ],
    [
      'another alarm of the stack (P3 JVM heap)',
      alarmEvent({
        resources: ['arn:aws:cloudwatch:ap-northeast-2:111111111111:alarm:ops-stack-dev-P3-jvm-heap'],
      }),
      `alarm arn:aws:cloudwatch:ap-northeast-2:111111111111:alarm:ops-stack-dev-P3-jvm-heap is not the database-down alarm ${ALARM_ARN}`,
    ],
    [
      'the alarm going back to OK',
      alarmEvent({}, { value: 'OK' }),
      'the database-down alarm went to OK, not ALARM',
    ],
    [
      'an alarm event of the wrong detail-type',
      alarmEvent({ 'detail-type': 'CloudWatch Alarm Configuration Change' }),
      'detail-type "CloudWatch Alarm Configuration Change" is not "CloudWatch Alarm State Change"',
    ],
    [
      'an alarm state change from 2019',
      alarmEvent({}, { timestamp: '2019-10-02T17:04:40.985+0000' }),
      'database-down alarm: time 2019-10-02T17:04:40.985+0000 is more than 60 minutes before now (2026-11-22T10:01:00.000Z)',
    ],
    [
      'another source',
      rdsEvent({ source: 'aws.ec2' }),
      'source aws.ec2 is neither aws.rds nor aws.cloudwatch',
    ],
    [
      'an RDS event without detail fields',
      rdsEvent({ detail: {} }),
      'RDS event detail: EventID: Invalid input: expected string, received undefined; SourceIdentifier: Invalid input: expected string, received undefined',
    ],
    [
      'a manual start from 2019',
      { kind: MANUAL_EVENT_KIND, failureTime: '2019-01-01T00:00:00Z' },
      'manual start: failureTime 2019-01-01T00:00:00Z is more than 1440 minutes before now (2026-11-22T10:01:00.000Z)',
    ],
  ])('%s', (_name, event, reason) => {
    expect(reasonOf(event)).toBe(reason);
  });

  it('an alarm event when the stack has no database-down alarm', () => {
    const { databaseDownAlarmArn: _, ...withoutAlarm } = context;
    expect(reasonOf(alarmEvent(), withoutAlarm)).toBe('this stack has no database-down alarm');
  });

  it('garbage, a manual event with unknown keys, and null', () => {
    expect(reasonOf(null)).toMatch(
      /^not an EventBridge event or \{"kind":"ops-stack.recovery-start"\}: \(event\): /,
    );
    expect(reasonOf({ kind: MANUAL_EVENT_KIND, instance: 'payments-db' })).toMatch(
      /^not an EventBridge event/,
    );
    expect(reasonOf({ source: 'aws.rds' })).toMatch(/detail-type: Invalid input/);
  });

  it('the window edges: exactly 60 minutes back and 5 minutes ahead are accepted, a millisecond more is not', () => {
    const at = (ms: number) => rdsEvent({}, { Date: new Date(context.now.getTime() + ms).toISOString() });
    expect(decideTrigger(at(-EVENT_WINDOW.pastMinutes * 60_000), context).start).toBe(true);
    expect(decideTrigger(at(-EVENT_WINDOW.pastMinutes * 60_000 - 1), context).start).toBe(false);
    expect(decideTrigger(at(EVENT_WINDOW.futureMinutes * 60_000), context).start).toBe(true);
    expect(decideTrigger(at(EVENT_WINDOW.futureMinutes * 60_000 + 1), context).start).toBe(false);
  });
});
