import { describe, expect, it } from 'vitest';
import { assessInstance } from '../../../lib/core/recovery/assess';
import {
  newIncident,
  renamedSourceId,
  renamedSourcePattern,
  restoreTargetId,
  restoreTargetPattern,
} from '../../../lib/core/recovery/incident';
import {
  modifyRequest,
  NoBackupError,
  planRestore,
  restoreRequest,
  type SourceSettings,
} from '../../../lib/core/recovery/plan';
import { recoveryReport } from '../../../lib/core/recovery/report';

const incident = newIncident(
  'ticketing-prod-db',
  '2026-11-22T10:00:00Z',
  'RDS-EVENT-0031',
  '2026-11-22T10:00:45Z',
);
const settings: SourceSettings = {
  instance: 'ticketing-prod-db',
  engine: 'mysql',
  instanceClass: 'db.r6g.large',
  subnetGroup: 'ticketing-prod-db-subnets',
  securityGroupIds: ['sg-0a1b2c3d4e5f67890'],
  parameterGroup: 'ticketing-prod-mysql80',
  optionGroup: 'default:mysql-8-0',
  multiAz: false,
  storageType: 'io1',
  allocatedStorage: 100,
  iops: 3000,
  deletionProtection: true,
  monitoringInterval: 60,
  monitoringRoleArn: 'arn:aws:iam::222222222222:role/rds-monitoring',
  performanceInsights: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 1,
  copyTagsToSnapshot: true,
  cloudwatchLogsExports: ['error', 'slowquery'],
  tags: [{ Key: 'app', Value: 'ticketing' }],
  capturedAt: '2026-11-22T03:00:00Z',
};
const live = { settings, arn: 'arn:aws:rds:ap-northeast-2:222222222222:db:ticketing-prod-db' };
const snapshots = [
  {
    id: 'rds:ticketing-prod-db-2026-11-22-03-00',
    createdAt: '2026-11-22T03:00:00Z',
    type: 'automated' as const,
    status: 'available',
  },
  {
    id: 'ticketing-prod-db-before-deploy',
    createdAt: '2026-11-21T18:00:00Z',
    type: 'manual' as const,
    status: 'available',
  },
];

describe('assessing an instance', () => {
  it.each([
    ['available', 'healthy'],
    ['rebooting', 'wait'],
    ['modifying', 'wait'],
    ['backing-up', 'wait'],
    ['renaming', 'wait'],
    ['storage-full', 'fix'],
    ['incompatible-parameters', 'fix'],
    ['incompatible-network', 'fix'],
    ['inaccessible-encryption-credentials', 'fix'],
    ['failed', 'restore'],
    ['something-new', 'fix'],
  ])('%s -> %s', (state, verdict) => {
    expect(assessInstance(state).verdict).toBe(verdict);
  });
  it('a deleted instance is restored from its retained backups', () => {
    expect(assessInstance(undefined)).toMatchObject({ verdict: 'restore', state: 'not found' });
  });
  it('a fix state says what to do instead', () => {
    expect(assessInstance('storage-full').reason).toMatch(/increase AllocatedStorage/);
  });
});

/** The usual case: the instance still knows its latest restorable time. */
const pitrPlan = () =>
  planRestore({
    incident,
    captured: settings,
    live: { ...live, latestRestorableTime: '2026-11-22T09:56:00Z' },
    retainedBackups: [],
    snapshots,
  });

describe('planning a restore', () => {
  it('prefers point-in-time restore to the latest restorable time: RPO within 5 minutes', () => {
    const plan = pitrPlan();
    expect(plan).toMatchObject({
      method: 'pitr-instance',
      restorePoint: '2026-11-22T09:56:00Z',
      rpoSeconds: 240,
      settingsFrom: 'live',
    });
    expect(plan.targetId).toBe('ticketing-prod-db-r-2026112210');
  });

  it('uses retained automated backups when the instance is gone, with the captured settings', () => {
    const plan = planRestore({
      incident,
      captured: settings,
      retainedBackups: [
        {
          arn: 'arn:aws:rds:ap-northeast-2:222222222222:auto-backup:ab-x',
          latestTime: '2026-11-22T09:55:00Z',
        },
      ],
      snapshots,
    });
    expect(plan).toMatchObject({ method: 'pitr-retained-backup', rpoSeconds: 300, settingsFrom: 'captured' });
    expect(restoreRequest(plan).input).toMatchObject({
      SourceDBInstanceAutomatedBackupsArn: 'arn:aws:rds:ap-northeast-2:222222222222:auto-backup:ab-x',
    });
  });

  it("restores only from the source's own backups: its resource id, its snapshot names", () => {
    const own = { ...settings, resourceId: 'db-OWN' };
    const retainedBackups = [
      {
        arn: 'arn:aws:rds:ap-northeast-2:222222222222:auto-backup:ab-other',
        latestTime: '2026-11-22T09:59:00Z',
        resourceId: 'db-OTHER',
      },
      {
        arn: 'arn:aws:rds:ap-northeast-2:222222222222:auto-backup:ab-own',
        latestTime: '2026-11-22T09:50:00Z',
        resourceId: 'db-OWN',
      },
    ];
    expect(planRestore({ incident, captured: own, retainedBackups, snapshots: [] })).toMatchObject({
      method: 'pitr-retained-backup',
      sourceArn: 'arn:aws:rds:ap-northeast-2:222222222222:auto-backup:ab-own',
    });
    const foreign = [
      {
        id: 'rds:ticketing-prod-db-2-2026-11-22-09-00',
        createdAt: '2026-11-22T09:00:00Z',
        type: 'automated' as const,
        status: 'available',
      },
      {
        id: 'rds:ticketing-prod-db-2026-11-22-08-00',
        createdAt: '2026-11-22T08:00:00Z',
        type: 'automated' as const,
        status: 'available',
        resourceId: 'db-OTHER',
      },
      {
        id: 'other-db-manual',
        createdAt: '2026-11-22T08:30:00Z',
        type: 'manual' as const,
        status: 'available',
        resourceId: 'db-OWN',
      },
      {
        id: 'rds:ticketing-prod-db-2026-11-22-03-00',
        createdAt: '2026-11-22T03:00:00Z',
        type: 'automated' as const,
        status: 'available',
        resourceId: 'db-OWN',
      },
    ];
    expect(planRestore({ incident, captured: own, retainedBackups: [], snapshots: foreign }).snapshotId).toBe(
      'rds:ticketing-prod-db-2026-11-22-03-00',
    );
  });

  it('falls back to the newest snapshot, automated or manual (and its RPO shows why it is a fallback)', () => {
    const plan = planRestore({ incident, captured: settings, retainedBackups: [], snapshots });
    expect(plan).toMatchObject({
      method: 'snapshot',
      snapshotId: 'rds:ticketing-prod-db-2026-11-22-03-00',
      rpoSeconds: 7 * 3600,
    });
    expect(restoreRequest(plan).command).toBe('RestoreDBInstanceFromDBSnapshot');
  });

  it('without any backup it says what is missing', () => {
    expect(() =>
      planRestore({ incident, captured: settings, retainedBackups: [], snapshots: [] }),
    ).toThrowError(NoBackupError);
    expect(() => planRestore({ incident, retainedBackups: [], snapshots })).toThrowError(
      /no captured settings exist/,
    );
  });

  it('passes every setting the restore call accepts and applies the rest afterwards', () => {
    const plan = pitrPlan();
    expect(restoreRequest(plan)).toEqual({
      command: 'RestoreDBInstanceToPointInTime',
      input: {
        TargetDBInstanceIdentifier: 'ticketing-prod-db-r-2026112210',
        SourceDBInstanceIdentifier: 'ticketing-prod-db',
        UseLatestRestorableTime: true,
        AllocatedStorage: 100,
        DBInstanceClass: 'db.r6g.large',
        DBSubnetGroupName: 'ticketing-prod-db-subnets',
        VpcSecurityGroupIds: ['sg-0a1b2c3d4e5f67890'],
        DBParameterGroupName: 'ticketing-prod-mysql80',
        OptionGroupName: 'default:mysql-8-0',
        MultiAZ: false,
        StorageType: 'io1',
        Iops: 3000,
        PubliclyAccessible: false,
        DeletionProtection: true,
        CopyTagsToSnapshot: true,
        EnableCloudwatchLogsExports: ['error', 'slowquery'],
        Tags: [
          { Key: 'app', Value: 'ticketing' },
          { Key: 'ops-stack:restored-from', Value: 'ticketing-prod-db' },
          { Key: 'ops-stack:incident', Value: 'ticketing-prod-db-2026112210' },
        ],
      },
    });
    expect(modifyRequest(plan)).toEqual({
      DBInstanceIdentifier: 'ticketing-prod-db-r-2026112210',
      ApplyImmediately: true,
      MonitoringInterval: 60,
      MonitoringRoleArn: 'arn:aws:iam::222222222222:role/rds-monitoring',
      EnablePerformanceInsights: true,
      PerformanceInsightsRetentionPeriod: 7,
      BackupRetentionPeriod: 1,
    });
  });
});

describe('incident names', () => {
  it('are deterministic per instance and hour, and match the IAM patterns exactly', () => {
    expect(incident.id).toBe('ticketing-prod-db-2026112210');
    const again = newIncident('ticketing-prod-db', '2026-11-22T10:40:00Z', 'alarm', '2026-11-22T10:41:00Z');
    expect(again.id).toBe(incident.id);
    const target = restoreTargetId('ticketing-prod-db', '2026-11-22T10:00:00Z');
    expect(target).toBe('ticketing-prod-db-r-2026112210');
    expect(restoreTargetPattern('ticketing-prod-db')).toBe('ticketing-prod-db-r-??????????');
    expect(renamedSourcePattern('ticketing-prod-db')).toBe('ticketing-prod-db-failed-??????????');
    const glob = (p: string) => new RegExp(`^${p.replaceAll('?', '.')}$`);
    expect(target).toMatch(glob(restoreTargetPattern('ticketing-prod-db')));
    expect(renamedSourceId('ticketing-prod-db', '2026-11-22T10:00:00Z')).toMatch(
      glob(renamedSourcePattern('ticketing-prod-db')),
    );
    expect(() => newIncident('db', 'yesterday', 'manual', 'now')).toThrowError(
      'failure time "yesterday" is not a timestamp',
    );
  });
});

describe('the report', () => {
  it('measures RTO from the failure to the switch and RPO from the restore point', () => {
    const r = recoveryReport({
      incidentId: 'x',
      signalTime: '2026-11-22T10:00:45Z',
      failureTime: '2026-11-22T10:00:00Z',
      restorePoint: '2026-11-22T09:56:00Z',
      method: 'pitr-instance',
      targetId: 't',
      timeline: [],
      leftBehind: ['the failed source'],
      switchedAt: '2026-11-22T10:41:00Z',
      restartNote: 'restart',
    });
    expect(r).toMatchObject({ rtoMinutes: 41, rpoSeconds: 240 });
    expect(r.lines).toContain(
      'RPO 4 min (failure time minus restore point; seed 002 s4.3 target at most 5 min)',
    );
  });
});
