/**
 * Restore planning. Point-in-time restore to the latest restorable time (normally within 5 minutes:
 * the seed's RPO) from the instance or its retained automated backups; the newest snapshot only as
 * a fallback (it can lose a day). Pure: the caller describes, this decides.
 */
import { INCIDENT_TAG, type Incident, RESTORED_FROM_TAG, restoreTargetId } from './incident';
import type { SourceSettings } from './source-settings';

export type { SourceSettings } from './source-settings';

export interface PlanInputs {
  readonly incident: Incident;
  /** From the SSM parameter; may be stale, but exists when the instance does not. */
  readonly captured?: SourceSettings;
  /** From DescribeDBInstances, when the instance still exists. */
  readonly live?: {
    readonly settings: SourceSettings;
    readonly arn: string;
    readonly latestRestorableTime?: string;
  };
  readonly retainedBackups: readonly {
    readonly arn: string;
    readonly latestTime?: string;
    readonly status?: string;
    /** The DbiResourceId of the instance the backup belongs to. */
    readonly resourceId?: string;
  }[];
  readonly snapshots: readonly {
    readonly id: string;
    readonly createdAt: string;
    readonly type: 'automated' | 'manual';
    readonly status: string;
    /** The DbiResourceId of the instance the snapshot was taken from. */
    readonly resourceId?: string;
  }[];
}

export interface Plan {
  /** The incident the restore belongs to: its target carries it as a tag. */
  readonly incidentId: string;
  readonly method: 'pitr-instance' | 'pitr-retained-backup' | 'snapshot';
  readonly source: string;
  readonly sourceArn?: string;
  readonly snapshotId?: string;
  readonly restorePoint: string;
  /** Failure time minus restore point: the data this restore loses. */
  readonly rpoSeconds: number;
  readonly targetId: string;
  readonly settings: SourceSettings;
  readonly settingsFrom: 'live' | 'captured';
}

export class NoBackupError extends Error {
  override readonly name = 'NoBackupError';
}

export function planRestore(i: PlanInputs): Plan {
  const settings = i.live?.settings ?? i.captured;
  if (!settings) {
    throw new NoBackupError(
      `no settings for ${i.incident.instance}: the instance is gone and no captured settings exist (run the capture)`,
    );
  }
  const base = {
    incidentId: i.incident.id,
    source: i.incident.instance,
    targetId: restoreTargetId(i.incident.instance, i.incident.failureTime),
    settings,
    settingsFrom: i.live ? ('live' as const) : ('captured' as const),
  };
  const rpo = (point: string) =>
    Math.max(0, Math.round((Date.parse(i.incident.failureTime) - Date.parse(point)) / 1000));
  if (i.live?.latestRestorableTime) {
    return {
      ...base,
      method: 'pitr-instance',
      sourceArn: i.live.arn,
      restorePoint: i.live.latestRestorableTime,
      rpoSeconds: rpo(i.live.latestRestorableTime),
    };
  }
  // Only the source's own retained backups: another instance's would restore someone else's data.
  const ownResourceId = settings.resourceId;
  const retained = i.retainedBackups
    .filter((b) => b.latestTime && (b.status ?? 'retained') !== 'creating')
    .filter((b) => ownResourceId === undefined || b.resourceId === ownResourceId)
    .sort((a, b) => Date.parse(b.latestTime ?? '') - Date.parse(a.latestTime ?? ''))[0];
  if (retained?.latestTime) {
    return {
      ...base,
      method: 'pitr-retained-backup',
      sourceArn: retained.arn,
      restorePoint: retained.latestTime,
      rpoSeconds: rpo(retained.latestTime),
    };
  }
  // The source's own snapshots only: named as its IAM policy allows, and taken from its resource id.
  const snapshot = i.snapshots
    .filter((s) => s.status === 'available' && isSnapshotNameOf(s.id, s.type, i.incident.instance))
    .filter((s) => ownResourceId === undefined || s.resourceId === ownResourceId)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  if (snapshot) {
    return {
      ...base,
      method: 'snapshot',
      snapshotId: snapshot.id,
      restorePoint: snapshot.createdAt,
      rpoSeconds: rpo(snapshot.createdAt),
    };
  }
  throw new NoBackupError(
    `no backup of ${i.incident.instance} to restore: no latest restorable time, no retained automated backups (set deleteAutomatedBackups: false), no available snapshot`,
  );
}

export type RestoreCommand = 'RestoreDBInstanceToPointInTime' | 'RestoreDBInstanceFromDBSnapshot';

/** The restore call with every setting it accepts. */
export function restoreRequest(plan: Plan): {
  readonly command: RestoreCommand;
  readonly input: Record<string, unknown>;
} {
  const s = plan.settings;
  const common = {
    DBInstanceClass: s.instanceClass,
    ...(s.subnetGroup ? { DBSubnetGroupName: s.subnetGroup } : {}),
    VpcSecurityGroupIds: [...s.securityGroupIds],
    ...(s.parameterGroup ? { DBParameterGroupName: s.parameterGroup } : {}),
    ...(s.optionGroup ? { OptionGroupName: s.optionGroup } : {}),
    MultiAZ: s.multiAz,
    ...(s.storageType ? { StorageType: s.storageType } : {}),
    ...(s.iops ? { Iops: s.iops } : {}),
    ...(s.storageThroughput ? { StorageThroughput: s.storageThroughput } : {}),
    ...(s.port ? { Port: s.port } : {}),
    PubliclyAccessible: s.publiclyAccessible,
    DeletionProtection: s.deletionProtection,
    CopyTagsToSnapshot: s.copyTagsToSnapshot,
    ...(s.cloudwatchLogsExports.length > 0
      ? { EnableCloudwatchLogsExports: [...s.cloudwatchLogsExports] }
      : {}),
    Tags: [
      ...s.tags.filter((t) => t.Key !== INCIDENT_TAG && t.Key !== RESTORED_FROM_TAG),
      { Key: RESTORED_FROM_TAG, Value: plan.source },
      { Key: INCIDENT_TAG, Value: plan.incidentId },
    ],
  };
  if (plan.method === 'snapshot') {
    return {
      command: 'RestoreDBInstanceFromDBSnapshot',
      input: { DBInstanceIdentifier: plan.targetId, DBSnapshotIdentifier: plan.snapshotId, ...common },
    };
  }
  return {
    command: 'RestoreDBInstanceToPointInTime',
    input: {
      TargetDBInstanceIdentifier: plan.targetId,
      ...(plan.method === 'pitr-instance'
        ? { SourceDBInstanceIdentifier: plan.source }
        : { SourceDBInstanceAutomatedBackupsArn: plan.sourceArn }),
      UseLatestRestorableTime: true,
      ...(s.allocatedStorage ? { AllocatedStorage: s.allocatedStorage } : {}),
      ...common,
    },
  };
}

/** What a restore cannot set, applied once the target is available. */
export function modifyRequest(plan: Plan): Record<string, unknown> | undefined {
  const s = plan.settings;
  const input: Record<string, unknown> = {
    ...(s.monitoringInterval ? { MonitoringInterval: s.monitoringInterval } : {}),
    ...(s.monitoringInterval && s.monitoringRoleArn ? { MonitoringRoleArn: s.monitoringRoleArn } : {}),
    ...(s.performanceInsights
      ? {
          EnablePerformanceInsights: true,
          PerformanceInsightsRetentionPeriod: s.performanceInsightsRetentionDays ?? 7,
        }
      : {}),
    ...(s.backupRetentionPeriod !== undefined ? { BackupRetentionPeriod: s.backupRetentionPeriod } : {}),
  };
  if (Object.keys(input).length === 0) return undefined;
  return { DBInstanceIdentifier: plan.targetId, ApplyImmediately: true, ...input };
}

/** Maps DescribeDBInstances output to the settings a restore needs. */
export function settingsFromDescribe(db: Record<string, unknown>, capturedAt: string): SourceSettings {
  const get = <T>(key: string) => db[key] as T | undefined;
  const groups = (get<{ VpcSecurityGroupId?: string }[]>('VpcSecurityGroups') ?? []).map(
    (g) => g.VpcSecurityGroupId ?? '',
  );
  const paramGroup = get<{ DBParameterGroupName?: string }[]>('DBParameterGroups')?.[0]?.DBParameterGroupName;
  const optionGroup = get<{ OptionGroupName?: string }[]>('OptionGroupMemberships')?.[0]?.OptionGroupName;
  return {
    instance: String(get('DBInstanceIdentifier')),
    ...(get<string>('DbiResourceId') ? { resourceId: get<string>('DbiResourceId') } : {}),
    engine: String(get('Engine')),
    ...(get<string>('EngineVersion') ? { engineVersion: get<string>('EngineVersion') } : {}),
    instanceClass: String(get('DBInstanceClass')),
    ...(get<{ DBSubnetGroupName?: string }>('DBSubnetGroup')?.DBSubnetGroupName
      ? { subnetGroup: get<{ DBSubnetGroupName: string }>('DBSubnetGroup')?.DBSubnetGroupName }
      : {}),
    securityGroupIds: groups.filter(Boolean),
    ...(paramGroup ? { parameterGroup: paramGroup } : {}),
    ...(optionGroup ? { optionGroup } : {}),
    multiAz: Boolean(get('MultiAZ')),
    ...(get<string>('StorageType') ? { storageType: get<string>('StorageType') } : {}),
    ...(get<number>('AllocatedStorage') ? { allocatedStorage: get<number>('AllocatedStorage') } : {}),
    ...(get<number>('Iops') ? { iops: get<number>('Iops') } : {}),
    ...(get<number>('StorageThroughput') ? { storageThroughput: get<number>('StorageThroughput') } : {}),
    ...(get<string>('KmsKeyId') ? { kmsKeyId: get<string>('KmsKeyId') } : {}),
    deletionProtection: Boolean(get('DeletionProtection')),
    ...(get<number>('MonitoringInterval') ? { monitoringInterval: get<number>('MonitoringInterval') } : {}),
    ...(get<string>('MonitoringRoleArn') ? { monitoringRoleArn: get<string>('MonitoringRoleArn') } : {}),
    performanceInsights: Boolean(get('PerformanceInsightsEnabled')),
    ...(get<number>('PerformanceInsightsRetentionPeriod')
      ? { performanceInsightsRetentionDays: get<number>('PerformanceInsightsRetentionPeriod') }
      : {}),
    ...(get<{ Port?: number }>('Endpoint')?.Port ? { port: get<{ Port: number }>('Endpoint')?.Port } : {}),
    publiclyAccessible: Boolean(get('PubliclyAccessible')),
    ...(get<number>('BackupRetentionPeriod') !== undefined
      ? { backupRetentionPeriod: get<number>('BackupRetentionPeriod') }
      : {}),
    copyTagsToSnapshot: Boolean(get('CopyTagsToSnapshot')),
    cloudwatchLogsExports: get<string[]>('EnabledCloudwatchLogsExports') ?? [],
    tags: (get<{ Key?: string; Value?: string }[]>('TagList') ?? [])
      .filter((t) => t.Key && !t.Key.startsWith('aws:'))
      .map((t) => ({ Key: t.Key as string, Value: t.Value ?? '' })),
    capturedAt,
  };
}

/**
 * RDS names automated snapshots `rds:<instance>-<yyyy>-<mm>-<dd>-<hh>-<mm>`; manual snapshots the
 * workflow may use are named `<instance>-...` (README: take one before each major deploy, seed 002).
 */
export function isSnapshotNameOf(
  snapshotId: string,
  type: 'automated' | 'manual',
  instance: string,
): boolean {
  if (type === 'manual') return snapshotId.startsWith(`${instance}-`);
  return new RegExp(`^rds:${instance}-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}$`).test(snapshotId);
}
