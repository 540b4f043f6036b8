/** A DB outage drill: a realistic RDS fake, a failure, and the synthesized workflow run locally. */

import type { RecoverySettings } from '../../lib/core/recovery/function-settings';
import { newIncident } from '../../lib/core/recovery/incident';
import { recoverySettings } from '../../lib/core/recovery/settings';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { FakeRds, type RdsTimings, REALISTIC_TIMINGS, Recorder, SimClock } from './fakes';
import {
  definitionOf,
  type LocalRunOptions,
  type LocalRunResult,
  runWorkflowLocally,
} from './local-workflow';

export interface OutageOptions {
  /** Minutes between the last restorable point and the failure. @default - 4 (RDS ships logs every 5 min) */
  readonly logLagMinutes?: number;
  /** Seconds from the failure to the RDS event reaching the trigger. @default - 45 */
  readonly signalDelaySeconds?: number;
  readonly timings?: RdsTimings;
  /** The source's state when the workflow looks: 'failed' (0031), undefined (deleted, 0003), or a transient one. */
  readonly sourceState?: string | undefined;
  readonly backups?: 'instance' | 'retained' | 'snapshot' | 'none';
  readonly approval?: LocalRunOptions['approval'];
  /** `plan` runs the dry run. @default - recover */
  readonly mode?: 'recover' | 'plan';
  /** Where the incident starts, so state checks can change the source meanwhile. */
  readonly beforeRun?: (rds: FakeRds, clock: SimClock) => void;
  /** When the instance failed. @default - FAILURE_TIME */
  readonly failureTime?: string;
  /** When the signal reached the trigger. @default - the failure plus signalDelaySeconds */
  readonly signalAt?: string;
  /** Fault injection, passed to the local run. @default - none */
  readonly wrapSend?: LocalRunOptions['wrapSend'];
  readonly onState?: LocalRunOptions['onState'];
}

export interface OutageDrill {
  readonly run: LocalRunResult;
  readonly rds: FakeRds;
  readonly aws: Recorder;
  readonly clock: SimClock;
  readonly failureTime: string;
  readonly signalTime: string;
  readonly settings: RecoverySettings;
}

export const FAILURE_TIME = '2026-11-22T10:00:00.000Z';

export async function dbOutageDrill(stack: OpsStack, o: OutageOptions = {}): Promise<OutageDrill> {
  const { config } = stack;
  if (!config.recovery) throw new Error(`${config.name} has no recovery configuration`);
  const settings = recoverySettings(config.name, config.database.instanceIdentifier, config.recovery, {
    capturedParameter: '/drill/captured-settings',
    pageTopicArn: 'arn:aws:sns:local:000000000000:P0',
    reportTopicArn: 'arn:aws:sns:local:000000000000:P1',
  });
  const failureTime = o.failureTime ?? FAILURE_TIME;
  const failure = Date.parse(failureTime);
  const signalAt = o.signalAt ? Date.parse(o.signalAt) : failure + (o.signalDelaySeconds ?? 45) * 1000;
  const clock = new SimClock(signalAt);
  const rds = new FakeRds(clock, o.timings ?? REALISTIC_TIMINGS);
  const aws = new Recorder(clock);
  const lastRestorable = failure - (o.logLagMinutes ?? 4) * 60_000;
  const backups = o.backups ?? 'instance';
  const state = 'sourceState' in o ? o.sourceState : 'failed';
  if (state !== undefined)
    rds.addInstance(settings.instance, state, {}, backups === 'instance' ? lastRestorable : undefined);
  if (backups === 'retained') {
    rds.retainedBackups = [
      {
        arn: `arn:aws:rds:ap-northeast-2:111111111111:auto-backup:ab-${settings.instance}`,
        latestTime: lastRestorable,
      },
    ];
  }
  if (backups !== 'none')
    rds.snapshots = [
      {
        id: `rds:${settings.instance}-2026-11-22-03-00`,
        createdAt: failure - 7 * 3600_000,
        type: 'automated',
      },
    ];
  // The capture ran at deploy: planning works even when the source is gone.
  aws.parameters.set(
    settings.capturedParameter,
    JSON.stringify({
      instance: settings.instance,
      engine: 'mysql',
      instanceClass: 'db.t3.medium',
      subnetGroup: 'ticketing-db-subnets',
      securityGroupIds: ['sg-0a1b2c3d4e5f67890'],
      parameterGroup: 'ticketing-mysql80',
      multiAz: false,
      storageType: 'gp3',
      allocatedStorage: 50,
      deletionProtection: true,
      performanceInsights: false,
      publiclyAccessible: false,
      backupRetentionPeriod: 1,
      copyTagsToSnapshot: true,
      cloudwatchLogsExports: [],
      tags: [{ Key: 'app', Value: 'ticketing' }],
      capturedAt: new Date(failure - 3600_000).toISOString(),
    }),
  );
  o.beforeRun?.(rds, clock);
  const incident = newIncident(
    settings.instance,
    failureTime,
    state === undefined ? 'RDS-EVENT-0003' : 'RDS-EVENT-0031',
    new Date(signalAt).toISOString(),
    o.mode ?? 'recover',
  );
  const run = await runWorkflowLocally(
    { incident },
    {
      definition: definitionOf(stack),
      settings,
      clock,
      rds,
      aws,
      ...(o.approval ? { approval: o.approval } : {}),
      ...(o.wrapSend ? { wrapSend: o.wrapSend } : {}),
      ...(o.onState ? { onState: o.onState } : {}),
    },
  );
  return { run, rds, aws, clock, failureTime, signalTime: incident.signalTime, settings };
}
