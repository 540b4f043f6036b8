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

describe('db-recovery step handler', () => {
  it('rejects a malformed step with the field it expected, and calls nothing', async () => {
    await expect(steps({ action: 'delete-everything', state })).rejects.toThrowError(
      /^action: expected one of capture, assess, plan/,
    );
    await expect(steps({ action: 'assess', state: { incident: { id: 'x' } } })).rejects.toThrowError(
      'state.incident.instance: expected a string',
    );
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
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('x'), { name: 'ParameterNotFound' }));
    const plan = await steps({ action: 'plan', state });
    expect(plan).toMatchObject({
      method: 'pitr-instance',
      rpoSeconds: 210,
      targetId: 'ticketing-dev-db-r-2026112210',
    });
  });

  it('continues with an existing target on DBInstanceAlreadyExists', async () => {
    rds
      .on(RestoreDBInstanceToPointInTimeCommand)
      .rejects(Object.assign(new Error('exists'), { name: 'DBInstanceAlreadyExistsFault' }));
    const plan = {
      method: 'pitr-instance',
      source: 'ticketing-dev-db',
      restorePoint: '2026-11-22T09:56:00Z',
      rpoSeconds: 240,
      targetId: 'ticketing-dev-db-r-2026112210',
      settingsFrom: 'live',
      settings: {
        instance: 'ticketing-dev-db',
        engine: 'mysql',
        instanceClass: 'db.t3.medium',
        securityGroupIds: [],
        multiAz: false,
        deletionProtection: true,
        performanceInsights: false,
        publiclyAccessible: false,
        copyTagsToSnapshot: true,
        cloudwatchLogsExports: [],
        tags: [],
        capturedAt: 'x',
      },
    };
    const out = await steps({ action: 'restore', state: { ...state, plan } });
    expect(out).toMatchObject({ targetId: 'ticketing-dev-db-r-2026112210', existing: true });
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

  it('lets throttling surface by name, so the workflow retries it', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(steps({ action: 'assess', state })).rejects.toMatchObject({ name: 'ThrottlingException' });
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
