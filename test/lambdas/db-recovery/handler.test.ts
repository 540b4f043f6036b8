import {
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  DescribeEventsCommand,
  DescribePendingMaintenanceActionsCommand,
  RDSClient,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import { ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newIncident } from '../../../lib/core/recovery/incident';
import { bareSettings } from '../../helpers/recovery';

const rds = mockClient(RDSClient);
const ssm = mockClient(SSMClient);
const sfn = mockClient(SFNClient);
let steps: (event: unknown) => Promise<unknown>;
let trigger: (event: unknown) => Promise<unknown>;

beforeAll(async () => {
  vi.stubEnv(
    'RECOVERY_SETTINGS',
    JSON.stringify({
      environment: 'example-dev',
      instance: 'ticketing-dev-db',
      capturedParameter: '/captured',
      topics: { P0: 'arn:p0', P1: 'arn:p1' },
      graceMinutes: 5,
      restoreTimeoutMinutes: 120,
      acceptBackingUp: false,
      switch: { strategy: 'rename' },
    }),
  );
  vi.stubEnv(
    'TRIGGER_SETTINGS',
    JSON.stringify({
      account: '111111111111',
      region: 'ap-northeast-2',
      instance: 'ticketing-dev-db',
      stateMachineArn: 'arn:aws:states:ap-northeast-2:111111111111:stateMachine:recovery',
    }),
  );
  ({ handler: steps } = await import('../../../lambdas/db-recovery/handler'));
  ({ handler: trigger } = await import('../../../lambdas/recovery-trigger/handler'));
});
beforeEach(() => {
  rds.reset();
  ssm.reset();
  sfn.reset();
});

const state = {
  incident: newIncident('ticketing-dev-db', '2026-11-22T10:00:00Z', 'RDS-EVENT-0031', '2026-11-22T10:00:45Z'),
};

const settings = bareSettings('ticketing-dev-db');
const plan = {
  incidentId: 'ticketing-dev-db-2026112210',
  method: 'pitr-instance',
  source: 'ticketing-dev-db',
  restorePoint: '2026-11-22T09:56:00Z',
  rpoSeconds: 240,
  targetId: 'ticketing-dev-db-r-2026112210',
  settingsFrom: 'live',
  settings,
};
const ourTag = [{ Key: 'ops-stack:incident', Value: 'ticketing-dev-db-2026112210' }];
const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...extra });

describe('db-recovery step handler', () => {
  it('rejects a malformed step with the field it expected, and calls nothing', async () => {
    await expect(steps({ action: 'delete-everything', state })).rejects.toThrowError(
      /^malformed recovery step: action: Invalid option: expected one of "assess"\|"plan"/,
    );
    await expect(steps({ action: 'assess', state: { incident: { id: 'x' } } })).rejects.toThrowError(
      /state\.incident\.instance: Invalid input: expected string/,
    );
    await expect(
      steps({ action: 'restore', state: { ...state, plan: { ...plan, targetId: 5 } } }),
    ).rejects.toThrowError(/state\.plan\.targetId/);
    expect(rds.calls()).toHaveLength(0);
  });

  it('plans a point-in-time restore from the live instance', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'ticketing-dev-db',
          DBInstanceStatus: 'failed',
          DBInstanceArn: 'arn:aws:rds:ap-northeast-2:111111111111:db:ticketing-dev-db',
          Engine: 'mysql',
          DBInstanceClass: 'db.t3.medium',
          LatestRestorableTime: new Date('2026-11-22T09:56:30Z'),
        },
      ],
    });
    rds.on(DescribeDBInstanceAutomatedBackupsCommand).resolves({ DBInstanceAutomatedBackups: [] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));
    const out = await steps({ action: 'plan', state });
    expect(out).toMatchObject({
      incidentId: 'ticketing-dev-db-2026112210',
      method: 'pitr-instance',
      rpoSeconds: 210,
      targetId: 'ticketing-dev-db-r-2026112210',
    });
  });

  it('a retried restore finds the target the first attempt created (tagged) and does not restore again', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: plan.targetId, DBInstanceStatus: 'creating', TagList: ourTag }],
    });
    const out = await steps({ action: 'restore', state: { ...state, plan } });
    expect(out).toMatchObject({ targetId: 'ticketing-dev-db-r-2026112210', existing: true });
    expect(rds.commandCalls(RestoreDBInstanceToPointInTimeCommand)).toHaveLength(0);
  });

  it('a concurrent DBInstanceAlreadyExists continues only with a target tagged for this incident', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(awsError('DBInstanceNotFoundFault'))
      .resolves({ DBInstances: [{ DBInstanceIdentifier: plan.targetId, TagList: ourTag }] });
    rds.on(RestoreDBInstanceToPointInTimeCommand).rejects(awsError('DBInstanceAlreadyExistsFault'));
    await expect(steps({ action: 'restore', state: { ...state, plan } })).resolves.toMatchObject({
      existing: true,
    });
    rds.reset();
    rds
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [{ DBInstanceIdentifier: plan.targetId, TagList: [] }] });
    await expect(steps({ action: 'restore', state: { ...state, plan } })).rejects.toMatchObject({
      name: 'ForeignTargetError',
    });
  });

  it('assesses state, recent events and pending maintenance', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceStatus: 'storage-full' }] });
    rds
      .on(DescribeEventsCommand)
      .resolves({ Events: [{ Date: new Date('2026-11-22T09:59:00Z'), Message: 'storage full' }] });
    rds.on(DescribePendingMaintenanceActionsCommand).resolves({
      PendingMaintenanceActions: [
        { PendingMaintenanceActionDetails: [{ Action: 'system-update', Description: 'OS patch' }] },
      ],
    });
    const a = await steps({ action: 'assess', state });
    expect(a).toMatchObject({
      verdict: 'fix',
      recentEvents: ['2026-11-22T09:59:00.000Z storage full'],
      pendingMaintenance: ['system-update: OS patch'],
    });
  });

  it.each([
    ['RDS throttling', awsError('Throttling'), 'throttling'],
    ['a timeout', awsError('TimeoutError'), 'timeout'],
    ['a 5xx', awsError('InternalFailure', { $metadata: { httpStatusCode: 500 } }), 'server'],
    ['a 503 under another name', awsError('Unavailable', { $metadata: { httpStatusCode: 503 } }), 'server'],
    ['a reset socket', awsError('Error', { code: 'ECONNRESET' }), 'network'],
  ])(
    'wraps %s as TransientAwsError, the one name the workflow retries, keeping the cause',
    async (_, error, kind) => {
      rds.on(DescribeDBInstancesCommand).rejects(error);
      await expect(steps({ action: 'assess', state })).rejects.toMatchObject({
        name: 'TransientAwsError',
        kind,
        cause: { name: error.name },
      });
    },
  );

  it.each([
    ['access denied', awsError('AccessDenied', { $metadata: { httpStatusCode: 403 } })],
    ['an invalid parameter', awsError('InvalidParameterValue', { $metadata: { httpStatusCode: 400 } })],
  ])('lets %s through unchanged, so the workflow pages instead of retrying', async (_, error) => {
    rds.on(DescribeDBInstancesCommand).rejects(error);
    await expect(steps({ action: 'assess', state })).rejects.toMatchObject({ name: error.name });
  });
});

describe('the steps refuse foreign input before any AWS call', () => {
  const other = newIncident('billing-db', '2026-11-22T10:00:00Z', 'RDS-EVENT-0031', '2026-11-22T10:00:45Z');
  const cases: [string, unknown, RegExp][] = [
    [
      'another instance',
      { action: 'assess', state: { incident: other } },
      /state\.incident\.instance is billing-db/,
    ],
    [
      'an incident id of another failure',
      { action: 'assess', state: { incident: { ...state.incident, id: 'ticketing-dev-db-2026010100' } } },
      /state\.incident\.id/,
    ],
    [
      'a restore into another instance',
      { action: 'restore', state: { ...state, plan: { ...plan, targetId: 'billing-db' } } },
      /state\.plan\.targetId is billing-db/,
    ],
    [
      'a restore from another source',
      { action: 'restore', state: { ...state, plan: { ...plan, source: 'billing-db' } } },
      /state\.plan\.source is billing-db/,
    ],
    [
      'a snapshot of another instance',
      {
        action: 'restore',
        state: {
          ...state,
          plan: { ...plan, method: 'snapshot', snapshotId: 'rds:billing-db-2026-11-22-03-00' },
        },
      },
      /snapshotId/,
    ],
    [
      'a switch to another instance',
      {
        action: 'verify',
        state: {
          ...state,
          plan,
          switched: { done: true, phase: 'x', at: '2026-11-22T10:40:00Z', instance: 'billing-db' },
        },
      },
      /state\.switched\.instance is billing-db/,
    ],
    [
      'a rename of another instance',
      {
        action: 'switch',
        state: {
          ...state,
          plan,
          switched: { done: false, phase: 'x', at: '2026-11-22T10:40:00Z', renamedSource: 'billing-db' },
        },
      },
      /renamedSource/,
    ],
    ...(['restore', 'modify', 'switch', 'restart', 'request-approval'] as const).map(
      (action): [string, unknown, RegExp] => [
        `${action} in a dry run`,
        { action, state: { ...state, incident: { ...state.incident, mode: 'plan' }, plan }, taskToken: 't' },
        /dry run \(mode: plan\)/,
      ],
    ),
  ];
  it.each(cases)('refuses %s', async (_, event, message) => {
    await expect(steps(event)).rejects.toMatchObject({
      name: 'ForeignStepError',
      message: expect.stringMatching(message),
    });
    expect(rds.calls()).toHaveLength(0);
    expect(ssm.calls()).toHaveLength(0);
  });
});

describe('recovery trigger handler', () => {
  it('starts one execution named after the incident from an RDS event', async () => {
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x' });
    const failureTime = new Date(Date.now() - 60_000).toISOString();
    const out = await trigger({
      source: 'aws.rds',
      'detail-type': 'RDS DB Instance Event',
      account: '111111111111',
      region: 'ap-northeast-2',
      time: new Date().toISOString(),
      detail: { EventID: 'RDS-EVENT-0003', SourceIdentifier: 'ticketing-dev-db', Date: failureTime },
    });
    expect(out).toMatchObject({ started: true });
    const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}');
    expect(input.incident).toMatchObject({ signal: 'RDS-EVENT-0003', failureTime, mode: 'recover' });
  });

  it('refuses a foreign event with the reason and no AWS call', async () => {
    const out = await trigger({
      source: 'aws.rds',
      'detail-type': 'RDS DB Instance Event',
      account: '222222222222',
      region: 'ap-northeast-2',
      time: new Date().toISOString(),
      detail: { EventID: 'RDS-EVENT-0031', SourceIdentifier: 'ticketing-dev-db' },
    });
    expect(out).toEqual({ started: false, note: 'account 222222222222 is not 111111111111' });
    expect(sfn.calls()).toHaveLength(0);
  });
});
