import { describe, expect, it } from 'vitest';
import { isSnapshotNameOf, settingsFromDescribe } from '../../../lib/core/recovery/plan';
import { parseCapturedSettings } from '../../../lib/core/recovery/source-settings';

// Field names of DescribeDBInstances' DBInstance (RDS API reference).
const full = {
  DBInstanceIdentifier: 'ticketing-prod-db',
  DbiResourceId: 'db-ABCDEFGHIJKL',
  Engine: 'mysql',
  EngineVersion: '8.0.39',
  DBInstanceClass: 'db.r6g.large',
  DBSubnetGroup: { DBSubnetGroupName: 'ticketing-prod-db-subnets' },
  VpcSecurityGroups: [
    { VpcSecurityGroupId: 'sg-1' },
    { VpcSecurityGroupId: '' },
    { VpcSecurityGroupId: 'sg-2' },
  ],
  DBParameterGroups: [{ DBParameterGroupName: 'ticketing-mysql80' }],
  OptionGroupMemberships: [{ OptionGroupName: 'default:mysql-8-0' }],
  MultiAZ: true,
  StorageType: 'io2',
  AllocatedStorage: 200,
  Iops: 3000,
  StorageThroughput: 125,
  KmsKeyId: 'arn:aws:kms:ap-northeast-2:222222222222:key/k',
  DeletionProtection: true,
  MonitoringInterval: 60,
  MonitoringRoleArn: 'arn:aws:iam::222222222222:role/rds-monitoring',
  PerformanceInsightsEnabled: true,
  PerformanceInsightsRetentionPeriod: 731,
  Endpoint: { Address: 'x', Port: 3307 },
  PubliclyAccessible: false,
  BackupRetentionPeriod: 7,
  CopyTagsToSnapshot: true,
  EnabledCloudwatchLogsExports: ['error', 'slowquery'],
  TagList: [
    { Key: 'app', Value: 'ticketing' },
    { Key: 'aws:cloudformation:stack-name', Value: 'x' },
    { Key: 'empty' },
    { Value: 'no key' },
  ],
};

describe('the source settings a restore needs, from DescribeDBInstances', () => {
  it('keeps every setting a restore would drop, and no AWS-reserved tags', () => {
    expect(settingsFromDescribe(full, '2026-11-22T03:00:00Z')).toEqual({
      instance: 'ticketing-prod-db',
      resourceId: 'db-ABCDEFGHIJKL',
      engine: 'mysql',
      engineVersion: '8.0.39',
      instanceClass: 'db.r6g.large',
      subnetGroup: 'ticketing-prod-db-subnets',
      securityGroupIds: ['sg-1', 'sg-2'],
      parameterGroup: 'ticketing-mysql80',
      optionGroup: 'default:mysql-8-0',
      multiAz: true,
      storageType: 'io2',
      allocatedStorage: 200,
      iops: 3000,
      storageThroughput: 125,
      kmsKeyId: 'arn:aws:kms:ap-northeast-2:222222222222:key/k',
      deletionProtection: true,
      monitoringInterval: 60,
      monitoringRoleArn: 'arn:aws:iam::222222222222:role/rds-monitoring',
      performanceInsights: true,
      performanceInsightsRetentionDays: 731,
      port: 3307,
      publiclyAccessible: false,
      backupRetentionPeriod: 7,
      copyTagsToSnapshot: true,
      cloudwatchLogsExports: ['error', 'slowquery'],
      tags: [
        { Key: 'app', Value: 'ticketing' },
        { Key: 'empty', Value: '' },
      ],
      capturedAt: '2026-11-22T03:00:00Z',
    });
  });

  it('a sparse instance gets no invented settings', () => {
    expect(
      settingsFromDescribe(
        {
          DBInstanceIdentifier: 'db',
          Engine: 'postgres',
          DBInstanceClass: 'db.t4g.micro',
          BackupRetentionPeriod: 0,
        },
        't',
      ),
    ).toEqual({
      instance: 'db',
      engine: 'postgres',
      instanceClass: 'db.t4g.micro',
      securityGroupIds: [],
      multiAz: false,
      deletionProtection: false,
      performanceInsights: false,
      publiclyAccessible: false,
      backupRetentionPeriod: 0,
      copyTagsToSnapshot: false,
      cloudwatchLogsExports: [],
      tags: [],
      capturedAt: 't',
    });
  });

  it('round-trips through the captured-settings parameter; `{}` is "not captured yet"', () => {
    const s = settingsFromDescribe(full, '2026-11-22T03:00:00Z');
    expect(parseCapturedSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(parseCapturedSettings({})).toBeUndefined();
    expect(parseCapturedSettings(undefined)).toBeUndefined();
    expect(() => parseCapturedSettings({ instance: 'db' })).toThrowError(
      /captured settings are invalid: engine/,
    );
  });

  it('names a snapshot of the source only: automated rds:<id>-<date>, manual <id>-...', () => {
    expect(isSnapshotNameOf('rds:db-2026-11-22-03-00', 'automated', 'db')).toBe(true);
    expect(isSnapshotNameOf('rds:db-2-2026-11-22-03-00', 'automated', 'db')).toBe(false);
    expect(isSnapshotNameOf('rds:db-2026-11-22-03-00-x', 'automated', 'db')).toBe(false);
    expect(isSnapshotNameOf('db-2026-11-22-03-00', 'automated', 'db')).toBe(false);
    expect(isSnapshotNameOf('db-before-deploy', 'manual', 'db')).toBe(true);
    expect(isSnapshotNameOf('other-db-before-deploy', 'manual', 'db')).toBe(false);
  });
});
