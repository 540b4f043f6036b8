/**
 * Which backup a restore uses when the instance is gone, and what the restore and modify calls
 * carry. Picking the wrong backup mid-outage restores stale or someone else's data, so each rule
 * is pinned with a case that only that rule decides.
 */
import { describe, expect, it } from 'vitest';
import { INCIDENT_TAG, newIncident, RESTORED_FROM_TAG } from '../../../lib/core/recovery/incident';
import {
  modifyRequest,
  NoBackupError,
  type PlanInputs,
  planRestore,
  restoreRequest,
  type SourceSettings,
} from '../../../lib/core/recovery/plan';
import { bareSettings } from '../../helpers/recovery';

const ID = 'ticketing-prod-db';
const OWN = 'db-OWNRESOURCEID';
const incident = newIncident(ID, '2026-11-22T11:00:00Z', 'RDS-EVENT-0031', '2026-11-22T11:00:30Z');
const base = bareSettings(ID, { resourceId: OWN, instanceClass: 'db.r6g.large' });
const plan = (over: Partial<PlanInputs>, settings: SourceSettings = base) =>
  planRestore({ incident, captured: settings, retainedBackups: [], snapshots: [], ...over });
const backup = (
  name: string,
  latestTime: string | undefined,
  more: { status?: string; resourceId?: string } = {},
) => ({
  arn: `arn:aws:rds:ap-northeast-2:222222222222:auto-backup:${name}`,
  ...(latestTime ? { latestTime } : {}),
  resourceId: OWN,
  ...more,
});
const snapshot = (id: string, createdAt: string, more: { status?: string; resourceId?: string } = {}) => ({
  id,
  createdAt,
  type: id.startsWith('rds:') ? ('automated' as const) : ('manual' as const),
  status: 'available',
  resourceId: OWN,
  ...more,
});

describe('retained automated backups', () => {
  const backups = [
    backup('older', '2026-11-22T10:40:00Z'),
    backup('newest-own', '2026-11-22T10:50:00Z', { status: 'retained' }),
    // Newer, but still being created: not restorable yet.
    backup('creating', '2026-11-22T10:55:00Z', { status: 'creating' }),
    // Newer, but another instance's: its data is not ours.
    backup('other-instance', '2026-11-22T10:58:00Z', { resourceId: 'db-SOMEONEELSE' }),
    // No restorable time at all.
    backup('no-time', undefined),
  ];

  it('the newest of the source’s own, restorable ones, in any input order', () => {
    for (const order of [backups, [...backups].reverse()]) {
      const p = plan({ retainedBackups: order });
      expect(p).toMatchObject({
        method: 'pitr-retained-backup',
        sourceArn: backup('newest-own', undefined).arn,
        restorePoint: '2026-11-22T10:50:00Z',
        rpoSeconds: 600,
      });
    }
  });

  it('a backup without a status counts as retained', () => {
    expect(plan({ retainedBackups: [backup('plain', '2026-11-22T10:45:00Z')] }).restorePoint).toBe(
      '2026-11-22T10:45:00Z',
    );
  });

  it('without a resource id in the settings, any restorable backup of the name, newest first', () => {
    const { resourceId: _, ...withoutId } = base;
    expect(plan({ retainedBackups: backups }, withoutId).restorePoint).toBe('2026-11-22T10:58:00Z');
  });
});

describe('snapshots, the fallback', () => {
  const snapshots = [
    snapshot(`rds:${ID}-2026-11-21-03-00`, '2026-11-21T03:00:00Z'),
    snapshot(`${ID}-before-deploy`, '2026-11-22T06:00:00Z'),
    snapshot(`rds:${ID}-2026-11-22-03-00`, '2026-11-22T03:00:00Z'),
    snapshot(`${ID}-half-copied`, '2026-11-22T09:00:00Z', { status: 'creating' }),
    snapshot('other-db-before-deploy', '2026-11-22T10:00:00Z'),
    snapshot(`${ID}-from-elsewhere`, '2026-11-22T10:30:00Z', { resourceId: 'db-SOMEONEELSE' }),
  ];

  it('the newest available snapshot named and taken from the source, in any input order', () => {
    for (const order of [snapshots, [...snapshots].reverse()]) {
      expect(plan({ snapshots: order })).toMatchObject({
        method: 'snapshot',
        snapshotId: `${ID}-before-deploy`,
        restorePoint: '2026-11-22T06:00:00Z',
        rpoSeconds: 5 * 3600,
      });
    }
  });

  it('without any usable backup: a NoBackupError that says what is missing', () => {
    const attempt = () =>
      plan({ retainedBackups: [backup('creating', '2026-11-22T10:55:00Z', { status: 'creating' })] });
    expect(attempt).toThrowError(NoBackupError);
    expect(attempt).toThrowError(
      `no backup of ${ID} to restore: no latest restorable time, no retained automated backups (set deleteAutomatedBackups: false), no available snapshot`,
    );
    try {
      attempt();
    } catch (error) {
      expect((error as Error).name).toBe('NoBackupError');
    }
  });
});

describe('the restore and modify calls', () => {
  const full: SourceSettings = {
    ...base,
    storageThroughput: 500,
    port: 3307,
    cloudwatchLogsExports: ['error'],
    monitoringInterval: 60,
    monitoringRoleArn: 'arn:aws:iam::222222222222:role/rds-monitoring',
    backupRetentionPeriod: 0,
    tags: [
      { Key: 'app', Value: 'ticketing' },
      // Left from an earlier recovery: replaced, never carried over.
      { Key: INCIDENT_TAG, Value: 'old-incident' },
      { Key: RESTORED_FROM_TAG, Value: 'older-db' },
    ],
  };

  it('carry throughput, port and log exports when set, and this incident’s tags only', () => {
    const p = plan({ snapshots: [snapshot(`${ID}-before-deploy`, '2026-11-22T06:00:00Z')] }, full);
    const request = restoreRequest(p);
    expect(request.command).toBe('RestoreDBInstanceFromDBSnapshot');
    expect(request.input).toMatchObject({
      DBInstanceIdentifier: p.targetId,
      DBSnapshotIdentifier: `${ID}-before-deploy`,
      StorageThroughput: 500,
      Port: 3307,
      EnableCloudwatchLogsExports: ['error'],
    });
    expect(request.input.Tags).toEqual([
      { Key: 'app', Value: 'ticketing' },
      { Key: RESTORED_FROM_TAG, Value: ID },
      { Key: INCIDENT_TAG, Value: incident.id },
    ]);
  });

  it('leave out what is not set: no empty log exports, throughput or port', () => {
    const input = restoreRequest(plan({ retainedBackups: [backup('b', '2026-11-22T10:50:00Z')] })).input;
    expect(input).not.toHaveProperty('EnableCloudwatchLogsExports');
    expect(input).not.toHaveProperty('StorageThroughput');
    expect(input).not.toHaveProperty('Port');
  });

  it('modify sets the monitoring role only with an interval, and a backup retention of 0 too', () => {
    const p = plan({ retainedBackups: [backup('b', '2026-11-22T10:50:00Z')] }, full);
    expect(modifyRequest(p)).toEqual({
      DBInstanceIdentifier: p.targetId,
      ApplyImmediately: true,
      MonitoringInterval: 60,
      MonitoringRoleArn: 'arn:aws:iam::222222222222:role/rds-monitoring',
      BackupRetentionPeriod: 0,
    });
    const { monitoringInterval: _, ...roleOnly } = full;
    expect(modifyRequest({ ...p, settings: roleOnly })).toEqual({
      DBInstanceIdentifier: p.targetId,
      ApplyImmediately: true,
      BackupRetentionPeriod: 0,
    });
    expect(modifyRequest({ ...p, settings: base })).toBeUndefined();
  });
});
