/** One function per workflow step. Clients are injected; every decision is in lib/recovery. */
import { type ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  type DBInstance,
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  DescribeEventsCommand,
  DescribePendingMaintenanceActionsCommand,
  ModifyDBInstanceCommand,
  type RDSClient,
  RebootDBInstanceCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import { ChangeResourceRecordSetsCommand, type Route53Client } from '@aws-sdk/client-route-53';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { assessInstance } from '../../lib/core/recovery/assess';
import type { RecoverySettings } from '../../lib/core/recovery/function-settings';
import { renamedSourceId } from '../../lib/core/recovery/incident';
import {
  modifyRequest,
  planRestore,
  restoreRequest,
  type SourceSettings,
  settingsFromDescribe,
} from '../../lib/core/recovery/plan';
import { formatSeconds, recoveryReport } from '../../lib/core/recovery/report';
import type { StepEvent, WorkflowState } from '../../lib/core/recovery/step-contract';
import { hasErrorName } from '../shared/errors';
import { readJsonParameter } from '../shared/ssm';

export interface RecoveryDeps {
  readonly rds: RDSClient;
  readonly ssm: SSMClient;
  readonly sns: SNSClient;
  readonly secrets: SecretsManagerClient;
  readonly route53: Route53Client;
  readonly ecs: ECSClient;
  /** DNS lookup of an endpoint; injected so tests need no network. */
  readonly resolve: (host: string) => Promise<string>;
  readonly now: () => Date;
}

type Deps = RecoveryDeps;
type S = RecoverySettings;

export async function describeInstance(rds: RDSClient, id: string): Promise<DBInstance | undefined> {
  try {
    const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
    return out.DBInstances?.[0];
  } catch (error) {
    if (hasErrorName(error, 'DBInstanceNotFoundFault')) return undefined;
    throw error;
  }
}

export async function capture(s: S, d: Deps) {
  const db = await describeInstance(d.rds, s.instance);
  if (!db) throw new Error(`cannot capture ${s.instance}: it does not exist; the last capture is kept`);
  const settings = settingsFromDescribe(db as Record<string, unknown>, d.now().toISOString());
  await d.ssm.send(
    new PutParameterCommand({
      Name: s.capturedParameter,
      Value: JSON.stringify(settings),
      Overwrite: true,
      Type: 'String',
    }),
  );
  return { capturedAt: settings.capturedAt };
}

export async function assess(state: WorkflowState, s: S, d: Deps) {
  const now = d.now().toISOString();
  const id = state.incident.instance;
  const [db, events, maintenance] = await Promise.all([
    describeInstance(d.rds, id),
    d.rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: id, Duration: 60 })),
    d.rds.send(
      new DescribePendingMaintenanceActionsCommand({ Filters: [{ Name: 'db-instance-id', Values: [id] }] }),
    ),
  ]);
  const recentEvents = (events.Events ?? [])
    .slice(-5)
    .map((e) => `${e.Date?.toISOString() ?? '?'} ${e.Message ?? ''}`);
  const pendingMaintenance = (maintenance.PendingMaintenanceActions ?? []).flatMap((p) =>
    (p.PendingMaintenanceActionDetails ?? []).map((m) => `${m.Action ?? '?'}: ${m.Description ?? ''}`),
  );
  const a = { ...assessInstance(db?.DBInstanceStatus), recentEvents, pendingMaintenance };
  const firstTransientAt = a.verdict === 'wait' ? (state.assessment?.firstTransientAt ?? now) : undefined;
  const graceOver =
    firstTransientAt !== undefined &&
    Date.parse(now) - Date.parse(firstTransientAt) >= s.graceMinutes * 60_000;
  return { ...a, checkedAt: now, ...(firstTransientAt ? { firstTransientAt } : {}), graceOver };
}

export async function plan(state: WorkflowState, s: S, d: Deps) {
  const id = state.incident.instance;
  const [db, retained, snapshots, stored] = await Promise.all([
    describeInstance(d.rds, id),
    d.rds.send(new DescribeDBInstanceAutomatedBackupsCommand({ DBInstanceIdentifier: id })),
    d.rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: id })),
    readJsonParameter<Partial<SourceSettings>>(d.ssm, s.capturedParameter),
  ]);
  // The stack writes `{}` until the first capture has run.
  const captured = stored?.instance ? (stored as SourceSettings) : undefined;
  const now = d.now().toISOString();
  return planRestore({
    incident: state.incident,
    ...(captured ? { captured } : {}),
    ...(db
      ? {
          live: {
            settings: settingsFromDescribe(db as Record<string, unknown>, now),
            arn: db.DBInstanceArn ?? '',
            ...(db.LatestRestorableTime
              ? { latestRestorableTime: db.LatestRestorableTime.toISOString() }
              : {}),
          },
        }
      : {}),
    retainedBackups: (retained.DBInstanceAutomatedBackups ?? []).map((b) => ({
      arn: b.DBInstanceAutomatedBackupsArn ?? '',
      ...(b.RestoreWindow?.LatestTime ? { latestTime: b.RestoreWindow.LatestTime.toISOString() } : {}),
      ...(b.Status ? { status: b.Status } : {}),
    })),
    snapshots: (snapshots.DBSnapshots ?? []).map((x) => ({
      id: x.DBSnapshotIdentifier ?? '',
      createdAt: (x.SnapshotCreateTime ?? new Date(0)).toISOString(),
      type: x.SnapshotType === 'manual' ? ('manual' as const) : ('automated' as const),
      status: x.Status ?? 'unknown',
    })),
  });
}

export async function requestApproval(event: StepEvent, s: S, d: Deps) {
  const p = event.state.plan;
  if (!p || !event.taskToken) throw new Error('request-approval needs a plan and a task token');
  const token = event.taskToken;
  await publish(d, s.topics.P0, `Approve DB restore for ${s.environment}?`, [
    `Incident ${event.state.incident.id}: ${event.state.assessment?.state ?? 'unknown'} (${event.state.assessment?.reason ?? ''})`,
    `Plan: ${p.method} of ${p.source} to ${p.restorePoint} into ${p.targetId} (expected data loss ${formatSeconds(p.rpoSeconds)})`,
    `Approve: npm run ops -- recovery approve --env ${s.environment} --token ${token}`,
    `Deny:    npm run ops -- recovery deny --env ${s.environment} --token ${token}`,
    `Or: aws stepfunctions send-task-success --task-token ${token} --task-output '{"approved":true,"by":"<you>"}'`,
  ]);
  return { requestedAt: d.now().toISOString() };
}

export async function restore(state: WorkflowState, _s: S, d: Deps) {
  const p = state.plan;
  if (!p) throw new Error('restore needs a plan');
  const request = restoreRequest(p);
  const startedAt = d.now().toISOString();
  try {
    if (request.command === 'RestoreDBInstanceToPointInTime') {
      await d.rds.send(new RestoreDBInstanceToPointInTimeCommand(request.input as never));
    } else {
      await d.rds.send(new RestoreDBInstanceFromDBSnapshotCommand(request.input as never));
    }
    return { targetId: p.targetId, startedAt, existing: false };
  } catch (error) {
    // The target name is the incident's idempotency key: a retry continues with it.
    if (hasErrorName(error, 'DBInstanceAlreadyExistsFault')) {
      return { targetId: p.targetId, startedAt: state.restore?.startedAt ?? startedAt, existing: true };
    }
    throw error;
  }
}

export async function waitTarget(state: WorkflowState, s: S, d: Deps) {
  const targetId = state.restore?.targetId ?? state.plan?.targetId;
  if (!targetId) throw new Error('wait-target needs a restore');
  const db = await describeInstance(d.rds, targetId);
  const status = db?.DBInstanceStatus ?? 'not found';
  const ready = status === 'available' || (s.acceptBackingUp && status === 'backing-up');
  const now = d.now();
  const started = Date.parse(state.restore?.startedAt ?? now.toISOString());
  const pendingReboot = (db?.DBParameterGroups ?? []).some(
    (g) => g.ParameterApplyStatus === 'pending-reboot',
  );
  return {
    status,
    ...(db?.Endpoint?.Address ? { endpoint: db.Endpoint.Address } : {}),
    ready,
    timedOut: !ready && now.getTime() - started > s.restoreTimeoutMinutes * 60_000,
    pendingReboot,
    ...(ready ? { availableAt: state.target?.availableAt ?? now.toISOString() } : {}),
  };
}

export async function modify(state: WorkflowState, _s: S, d: Deps) {
  const p = state.plan;
  if (!p) throw new Error('modify needs a plan');
  const request = modifyRequest(p);
  if (request) await d.rds.send(new ModifyDBInstanceCommand(request as never));
  const rebooted = Boolean(state.target?.pendingReboot);
  if (rebooted) await d.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: p.targetId }));
  return { at: d.now().toISOString(), modified: request !== undefined, rebooted };
}

export async function switchTraffic(state: WorkflowState, s: S, d: Deps) {
  const p = state.plan;
  const endpoint = state.target?.endpoint;
  if (!p || !endpoint) throw new Error('switch needs a plan and an available target');
  const at = d.now().toISOString();
  switch (s.switch.strategy) {
    case 'parameter':
      await d.ssm.send(
        new PutParameterCommand({
          Name: s.switch.parameterName,
          Value: endpoint,
          Overwrite: true,
          Type: 'String',
        }),
      );
      return {
        done: true,
        phase: `SSM parameter ${s.switch.parameterName} now ${endpoint}`,
        at,
        endpoint,
        instance: p.targetId,
      };
    case 'secret': {
      const current = await d.secrets.send(new GetSecretValueCommand({ SecretId: s.switch.secretId }));
      const secret = JSON.parse(current.SecretString ?? '{}') as Record<string, unknown>;
      await d.secrets.send(
        new PutSecretValueCommand({
          SecretId: s.switch.secretId,
          SecretString: JSON.stringify({ ...secret, host: endpoint }),
        }),
      );
      return {
        done: true,
        phase: `secret ${s.switch.secretId} host now ${endpoint}`,
        at,
        endpoint,
        instance: p.targetId,
      };
    }
    case 'cname':
      await d.route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: s.switch.hostedZoneId,
          ChangeBatch: {
            Comment: `ops-stack recovery ${state.incident.id}`,
            Changes: [
              {
                Action: 'UPSERT',
                ResourceRecordSet: {
                  Name: s.switch.recordName,
                  Type: 'CNAME',
                  TTL: 60,
                  ResourceRecords: [{ Value: endpoint }],
                },
              },
            ],
          },
        }),
      );
      return {
        done: true,
        phase: `CNAME ${s.switch.recordName} now ${endpoint}`,
        at,
        endpoint,
        instance: p.targetId,
      };
    case 'rename':
      return renameStep(state, s, d, at);
  }
}

/**
 * Rename keeps the endpoint: the failed source becomes `<id>-failed-<time>`, the restored instance
 * takes the original identifier. Called again after each wait until both renames are done.
 */
async function renameStep(state: WorkflowState, _s: S, d: Deps, at: string) {
  const p = state.plan;
  if (!p) throw new Error('rename needs a plan');
  const renamedSource = renamedSourceId(p.source, state.incident.failureTime);
  // Which identifiers exist tells the phase; no marker on the instances is needed.
  const [original, renamed, target] = await Promise.all([
    describeInstance(d.rds, p.source),
    describeInstance(d.rds, renamedSource),
    describeInstance(d.rds, p.targetId),
  ]);
  if (original && !renamed) {
    if (original.DBInstanceStatus !== 'renaming') {
      await d.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: p.source,
          NewDBInstanceIdentifier: renamedSource,
          ApplyImmediately: true,
        }),
      );
    }
    return { done: false, phase: `renaming ${p.source} to ${renamedSource}`, at, renamedSource };
  }
  if (!original && target) {
    if (target.DBInstanceStatus === 'available') {
      await d.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: p.targetId,
          NewDBInstanceIdentifier: p.source,
          ApplyImmediately: true,
        }),
      );
    }
    return { done: false, phase: `renaming ${p.targetId} to ${p.source}`, at, renamedSource };
  }
  if (original && renamed && original.DBInstanceStatus === 'available' && original.Endpoint?.Address) {
    return {
      done: true,
      phase: `${p.source} is the restored instance`,
      at,
      endpoint: original.Endpoint.Address,
      instance: p.source,
      renamedSource,
    };
  }
  return { done: false, phase: `waiting for ${p.source} to become available`, at, renamedSource };
}

export async function restart(_state: WorkflowState, s: S, d: Deps) {
  const at = d.now().toISOString();
  if (!s.restart)
    return { note: 'Restart the service by hand so it reconnects (no restart hook configured).', at };
  await d.ecs.send(
    new UpdateServiceCommand({
      cluster: s.restart.cluster,
      service: s.restart.service,
      forceNewDeployment: true,
    }),
  );
  return { note: `ECS service ${s.restart.cluster}/${s.restart.service}: new deployment forced.`, at };
}

export async function verify(state: WorkflowState, _s: S, d: Deps) {
  const instance = state.switched?.instance ?? state.plan?.targetId;
  if (!instance) throw new Error('verify needs the switched instance');
  const db = await describeInstance(d.rds, instance);
  const endpoint = db?.Endpoint?.Address;
  if (db?.DBInstanceStatus !== 'available' || !endpoint) {
    throw new Error(
      `verify: ${instance} is ${db?.DBInstanceStatus ?? 'missing'}, expected available with an endpoint`,
    );
  }
  const address = await d.resolve(endpoint);
  return { verified: true, endpoint, address, at: d.now().toISOString() };
}

export async function report(state: WorkflowState, s: S, d: Deps) {
  const p = state.plan;
  if (!p || !state.switched || !state.restore) throw new Error('report needs a plan, a restore and a switch');
  const leftBehind = [
    state.switched.renamedSource
      ? `the failed source, renamed ${state.switched.renamedSource}`
      : `the failed source ${p.source} (kept for investigation)`,
    'its automated backups and snapshots',
  ];
  const r = recoveryReport({
    incidentId: state.incident.id,
    signalTime: state.incident.signalTime,
    failureTime: state.incident.failureTime,
    restorePoint: p.restorePoint,
    method: p.method,
    targetId: state.switched.instance ?? p.targetId,
    ...(state.verify?.endpoint ? { endpoint: state.verify.endpoint } : {}),
    timeline: [
      { at: state.incident.signalTime, what: `signal: ${state.incident.signal}` },
      ...(state.approval
        ? [{ at: state.approval.at, what: `approved${state.approval.by ? ` by ${state.approval.by}` : ''}` }]
        : []),
      {
        at: state.restore.startedAt,
        what: `restore started (${state.restore.existing ? 'continued an existing target' : p.method})`,
      },
      ...(state.target?.availableAt
        ? [{ at: state.target.availableAt, what: `${p.targetId} available` }]
        : []),
      { at: state.switched.at, what: `switched: ${state.switched.phase}` },
      ...(state.verify
        ? [
            {
              at: state.verify.at,
              what: `verified: ${state.verify.endpoint} resolves to ${state.verify.address}`,
            },
          ]
        : []),
    ],
    leftBehind,
    switchedAt: state.switched.at,
    restartNote: state.restart?.note ?? 'Restart: not run.',
  });
  await publish(d, s.topics.P1, r.title, r.lines);
  return r;
}

export async function notify(event: StepEvent, s: S, d: Deps) {
  const n = event.notice;
  if (!n) throw new Error('notify needs a notice');
  const a = event.state.assessment;
  const lines = [
    `Incident ${event.state.incident.id} (${event.state.incident.signal} at ${event.state.incident.signalTime})`,
    ...(a ? [`Instance state: ${a.state}. ${a.reason}`] : []),
    ...(a?.recentEvents?.length ? [`Recent RDS events: ${a.recentEvents.join(' | ')}`] : []),
    ...(a?.pendingMaintenance?.length ? [`Pending maintenance: ${a.pendingMaintenance.join(' | ')}`] : []),
    ...(event.state.plan ? [`Plan: ${event.state.plan.method} into ${event.state.plan.targetId}`] : []),
    ...(n.cause ? [`Cause: ${n.cause}`] : []),
    'Nothing was deleted; no restore is running unless a line above says so.',
  ];
  await publish(d, n.severity === 'P0' ? s.topics.P0 : s.topics.P1, n.title, lines);
  return { notified: n.title };
}

async function publish(d: Deps, topic: string, title: string, lines: readonly string[]) {
  await d.sns.send(
    new PublishCommand({
      TopicArn: topic,
      Message: JSON.stringify({ source: 'ops-stack.recovery', title, lines }),
    }),
  );
}
