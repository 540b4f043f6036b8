/**
 * In-memory AWS for running the recovery workflow locally: an RDS whose instances move through
 * creating, backing-up and available on a simulated clock, and recorders for SSM, SNS, Route 53,
 * Secrets Manager and ECS. Errors carry the names the real SDK throws.
 */
export class SimClock {
  constructor(private t: number) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

interface FakeInstance {
  id: string;
  status: string;
  /** Status changes still to come: [at, status]. */
  schedule: [number, string][];
  settings: Record<string, unknown>;
  tags: { Key: string; Value: string }[];
  latestRestorableTime?: number;
  pendingReboot: boolean;
}

export interface RdsTimings {
  /** Minutes a restore spends in creating, then in backing-up. */
  readonly creatingMinutes: number;
  readonly backingUpMinutes: number;
  readonly modifyingMinutes: number;
  readonly renamingMinutes: number;
}

export const REALISTIC_TIMINGS: RdsTimings = {
  creatingMinutes: 18,
  backingUpMinutes: 9,
  modifyingMinutes: 3,
  renamingMinutes: 2,
};

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

export class FakeRds {
  readonly instances = new Map<string, FakeInstance>();
  readonly calls: { name: string; input: Record<string, unknown>; at: string }[] = [];
  retainedBackups: { arn: string; latestTime: number }[] = [];
  snapshots: { id: string; createdAt: number; type: 'automated' | 'manual' }[] = [];
  /** Throw ThrottlingException on the next call of these commands (once each). */
  throttleNext = new Set<string>();
  /** Every instance a restore call created, in order. */
  readonly restored: string[] = [];

  constructor(
    private readonly clock: SimClock,
    private readonly timings: RdsTimings = REALISTIC_TIMINGS,
  ) {}

  addInstance(
    id: string,
    status: string,
    settings: Record<string, unknown>,
    latestRestorableTime?: number,
  ): void {
    this.instances.set(id, {
      id,
      status,
      schedule: [],
      settings,
      tags: [{ Key: 'app', Value: 'ticketing' }],
      ...(latestRestorableTime !== undefined ? { latestRestorableTime } : {}),
      pendingReboot: false,
    });
  }

  /** `send` as the SDK clients have it: dispatch on the command's class name. */
  send = async (command: {
    constructor: { name: string };
    input: Record<string, unknown>;
  }): Promise<unknown> => {
    const name = command.constructor.name.replace(/Command$/, '');
    this.calls.push({ name, input: command.input, at: this.clock.now().toISOString() });
    if (this.throttleNext.delete(name)) throw awsError('ThrottlingException', 'Rate exceeded');
    this.settle();
    const input = command.input;
    switch (name) {
      case 'DescribeDBInstances': {
        const db = this.instances.get(String(input.DBInstanceIdentifier));
        if (!db)
          throw awsError('DBInstanceNotFoundFault', `DBInstance ${input.DBInstanceIdentifier} not found.`);
        return { DBInstances: [this.view(db)] };
      }
      case 'DescribeEvents':
        return {
          Events: this.instances.has(String(input.SourceIdentifier))
            ? [
                {
                  Date: new Date(this.clock.now().getTime() - 60_000),
                  Message: 'DB instance failed (RDS-EVENT-0031)',
                },
              ]
            : [],
        };
      case 'DescribePendingMaintenanceActions':
        return { PendingMaintenanceActions: [] };
      case 'DescribeDBInstanceAutomatedBackups':
        return {
          DBInstanceAutomatedBackups: this.retainedBackups.map((b) => ({
            DBInstanceAutomatedBackupsArn: b.arn,
            Status: 'retained',
            RestoreWindow: { LatestTime: new Date(b.latestTime) },
          })),
        };
      case 'DescribeDBSnapshots':
        return {
          DBSnapshots: this.snapshots.map((s) => ({
            DBSnapshotIdentifier: s.id,
            SnapshotCreateTime: new Date(s.createdAt),
            SnapshotType: s.type,
            Status: 'available',
          })),
        };
      case 'RestoreDBInstanceToPointInTime':
      case 'RestoreDBInstanceFromDBSnapshot': {
        const target = String(input.TargetDBInstanceIdentifier ?? input.DBInstanceIdentifier);
        if (this.instances.has(target))
          throw awsError('DBInstanceAlreadyExistsFault', `DB instance already exists`);
        const now = this.clock.now().getTime();
        const source = this.instances.get(String(input.SourceDBInstanceIdentifier ?? ''));
        if (
          name === 'RestoreDBInstanceToPointInTime' &&
          input.SourceDBInstanceIdentifier &&
          !source?.latestRestorableTime
        ) {
          throw awsError('PointInTimeRestoreNotEnabled', 'no restorable time');
        }
        this.restored.push(target);
        this.instances.set(target, {
          id: target,
          status: 'creating',
          schedule: [
            [now + this.timings.creatingMinutes * 60_000, 'backing-up'],
            [now + (this.timings.creatingMinutes + this.timings.backingUpMinutes) * 60_000, 'available'],
          ],
          settings: { ...(source?.settings ?? {}), DBInstanceClass: input.DBInstanceClass },
          tags: (input.Tags as { Key: string; Value: string }[]) ?? [],
          pendingReboot: Boolean(input.DBParameterGroupName),
        });
        return { DBInstance: { DBInstanceIdentifier: target, DBInstanceStatus: 'creating' } };
      }
      case 'ModifyDBInstance': {
        const db = this.instances.get(String(input.DBInstanceIdentifier));
        if (!db) throw awsError('DBInstanceNotFoundFault', 'not found');
        const now = this.clock.now().getTime();
        if (input.NewDBInstanceIdentifier) {
          const newId = String(input.NewDBInstanceIdentifier);
          if (this.instances.has(newId)) throw awsError('DBInstanceAlreadyExistsFault', 'exists');
          // The restored target comes back available; the failed source keeps its state.
          const after = db.id.includes('-r-') ? 'available' : db.status;
          db.status = 'renaming';
          db.schedule = [[now + this.timings.renamingMinutes * 60_000, `rename:${newId}:${after}`]];
          return {};
        }
        db.status = 'modifying';
        db.schedule = [[now + this.timings.modifyingMinutes * 60_000, 'available']];
        return {};
      }
      case 'RebootDBInstance': {
        const db = this.instances.get(String(input.DBInstanceIdentifier));
        if (!db) throw awsError('DBInstanceNotFoundFault', 'not found');
        db.pendingReboot = false;
        db.status = 'rebooting';
        db.schedule = [[this.clock.now().getTime() + 60_000, 'available']];
        return {};
      }
    }
    throw new Error(`FakeRds does not know ${name}`);
  };

  restoreCalls(): number {
    return this.calls.filter((c) => c.name.startsWith('RestoreDBInstance')).length;
  }

  /** Applies scheduled status changes up to now (RDS keeps working between calls). */
  settle(): void {
    const now = this.clock.now().getTime();
    for (const db of [...this.instances.values()]) {
      while (db.schedule.length > 0 && (db.schedule[0] as [number, string])[0] <= now) {
        const [, next] = db.schedule.shift() as [number, string];
        if (next.startsWith('rename:')) {
          const [, newId, status] = next.split(':');
          this.instances.delete(db.id);
          db.id = newId as string;
          db.status = status as string;
          this.instances.set(db.id, db);
        } else db.status = next;
      }
    }
  }

  private view(db: FakeInstance): Record<string, unknown> {
    return {
      DBInstanceIdentifier: db.id,
      DBInstanceStatus: db.status,
      DBInstanceArn: `arn:aws:rds:ap-northeast-2:111111111111:db:${db.id}`,
      Engine: 'mysql',
      DBInstanceClass: 'db.t3.medium',
      MultiAZ: false,
      StorageType: 'gp3',
      AllocatedStorage: 50,
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0a1b2c3d4e5f67890' }],
      DBSubnetGroup: { DBSubnetGroupName: 'ticketing-db-subnets' },
      DBParameterGroups: [
        {
          DBParameterGroupName: 'ticketing-mysql80',
          ParameterApplyStatus: db.pendingReboot ? 'pending-reboot' : 'in-sync',
        },
      ],
      BackupRetentionPeriod: 1,
      DeletionProtection: true,
      PerformanceInsightsEnabled: false,
      PubliclyAccessible: false,
      CopyTagsToSnapshot: true,
      TagList: db.tags,
      ...db.settings,
      ...(db.status === 'available' || db.status === 'backing-up' || db.status === 'modifying'
        ? { Endpoint: { Address: `${db.id}.abc123.ap-northeast-2.rds.amazonaws.com`, Port: 3306 } }
        : {}),
      ...(db.latestRestorableTime !== undefined
        ? { LatestRestorableTime: new Date(db.latestRestorableTime) }
        : {}),
    };
  }
}

/**
 * Records calls and keeps what the switch strategies change: SSM parameters, a secret's JSON, CNAME
 * records and ECS deployments, so a drill can tell where the app's endpoint points afterwards.
 */
export class Recorder {
  readonly calls: { name: string; input: Record<string, unknown> }[] = [];
  readonly parameters = new Map<string, string>();
  secret: Record<string, unknown> = { host: 'old', username: 'app' };
  readonly records = new Map<string, string>();
  readonly deployments: Date[] = [];
  constructor(private readonly clock?: SimClock) {}
  send = async (command: {
    constructor: { name: string };
    input: Record<string, unknown>;
  }): Promise<unknown> => {
    const name = command.constructor.name.replace(/Command$/, '');
    const input = command.input;
    this.calls.push({ name, input });
    switch (name) {
      case 'PutParameter':
        this.parameters.set(String(input.Name), String(input.Value));
        return {};
      case 'GetParameter': {
        const value = this.parameters.get(String(input.Name));
        if (value === undefined) throw awsError('ParameterNotFound', 'not found');
        return { Parameter: { Value: value } };
      }
      case 'GetSecretValue':
        return { SecretString: JSON.stringify(this.secret) };
      case 'PutSecretValue':
        this.secret = JSON.parse(String(input.SecretString)) as Record<string, unknown>;
        return {};
      case 'ChangeResourceRecordSets': {
        const batch = input.ChangeBatch as {
          Changes: { ResourceRecordSet: { Name: string; ResourceRecords: { Value: string }[] } }[];
        };
        for (const c of batch.Changes)
          this.records.set(c.ResourceRecordSet.Name, c.ResourceRecordSet.ResourceRecords[0]?.Value ?? '');
        return {};
      }
      case 'UpdateService':
        this.deployments.push(this.clock?.now() ?? new Date());
        return {};
      case 'DescribeServices':
        return { services: [{ deployments: this.deployments.map((createdAt) => ({ createdAt })) }] };
    }
    return {};
  };
  published(): { title: string; lines: string[]; topic: string }[] {
    return this.calls
      .filter((c) => c.name === 'Publish')
      .map((c) => ({
        ...(JSON.parse(String(c.input.Message)) as { title: string; lines: string[] }),
        topic: String(c.input.TopicArn),
      }));
  }
}
