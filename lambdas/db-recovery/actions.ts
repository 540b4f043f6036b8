/**
 * One function per workflow step. Clients are injected; decisions (assess, plan, rename order, the
 * report and the failure page) are pure functions in lib/core/recovery. Every step that changes
 * something reads the current state first, so a retry of a step that already happened is a no-op.
 */
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeDBSnapshotsCommand,
  DescribeEventsCommand,
  DescribePendingMaintenanceActionsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  RestoreDBInstanceToPointInTimeCommand,
} from '@aws-sdk/client-rds';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { assessInstance } from '../../lib/core/recovery/assess';
import { failureReport, type ObservedInstance } from '../../lib/core/recovery/failure-report';
import type { RecoverySettings } from '../../lib/core/recovery/function-settings';
import { renamedSourceId, restoreTargetId } from '../../lib/core/recovery/incident';
import {
  modifyRequest,
  planRestore,
  restoreRequest,
  settingsFromDescribe,
} from '../../lib/core/recovery/plan';
import { nextRenameStep, renameView } from '../../lib/core/recovery/rename';
import { formatSeconds, recoveryReport } from '../../lib/core/recovery/report';
import { parseCapturedSettings } from '../../lib/core/recovery/source-settings';
import type { StepEvent, WorkflowState } from '../../lib/core/recovery/step-contract';
import { hasErrorName } from '../shared/errors';
import { readJsonParameter } from '../shared/ssm';
import type { RecoveryDeps } from './deps';
import { publish } from './publish';
import { describeInstance, isOurs, observeInstance, renameInstance } from './rds';
import { readPointer } from './switch/pointer';

export type { RecoveryDeps } from './deps';
export { switchTraffic } from './switch';

type Deps = RecoveryDeps;
type S = RecoverySettings;

export class ForeignTargetError extends Error {
  override readonly name = 'ForeignTargetError';
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
    readJsonParameter<unknown>(d.ssm, s.capturedParameter),
  ]);
  const captured = parseCapturedSettings(stored);
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
      ...(b.DbiResourceId ? { resourceId: b.DbiResourceId } : {}),
    })),
    snapshots: (snapshots.DBSnapshots ?? []).map((x) => ({
      id: x.DBSnapshotIdentifier ?? '',
      createdAt: (x.SnapshotCreateTime ?? new Date(0)).toISOString(),
      type: x.SnapshotType === 'manual' ? ('manual' as const) : ('automated' as const),
      status: x.Status ?? 'unknown',
      ...(x.DbiResourceId ? { resourceId: x.DbiResourceId } : {}),
    })),
  });
}

export async function requestApproval(event: StepEvent, s: S, d: Deps) {
  const p = event.state.plan;
  if (!p || !event.taskToken) throw new Error('request-approval needs a plan and a task token');
  const token = event.taskToken;
  await publish(d.sns, s.topics.P0, `Approve DB restore for ${s.environment}?`, [
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
  const startedAt = state.restore?.startedAt ?? d.now().toISOString();
  // Read before acting: a retry after a timeout finds the target the first attempt created.
  const existing = await describeInstance(d.rds, p.targetId);
  if (existing) return adopt(existing, p.targetId, state.incident.id, startedAt);
  if (p.method === 'pitr-retained-backup') {
    const own = await d.rds.send(
      new DescribeDBInstanceAutomatedBackupsCommand({ DBInstanceIdentifier: p.source }),
    );
    if (
      !(own.DBInstanceAutomatedBackups ?? []).some((b) => b.DBInstanceAutomatedBackupsArn === p.sourceArn)
    ) {
      throw new ForeignTargetError(`restore refused: ${p.sourceArn} is not a retained backup of ${p.source}`);
    }
  }
  const request = restoreRequest(p);
  try {
    if (request.command === 'RestoreDBInstanceToPointInTime') {
      await d.rds.send(new RestoreDBInstanceToPointInTimeCommand(request.input as never));
    } else {
      await d.rds.send(new RestoreDBInstanceFromDBSnapshotCommand(request.input as never));
    }
    return { targetId: p.targetId, startedAt, existing: false };
  } catch (error) {
    if (!hasErrorName(error, 'DBInstanceAlreadyExistsFault')) throw error;
    return adopt(await describeInstance(d.rds, p.targetId), p.targetId, state.incident.id, startedAt);
  }
}

/** An existing target is continued only when it carries this incident's tag. */
function adopt(
  db: Awaited<ReturnType<typeof describeInstance>>,
  targetId: string,
  incidentId: string,
  startedAt: string,
) {
  if (!isOurs(db, incidentId)) {
    throw new ForeignTargetError(
      `${targetId} exists but does not carry the tag of incident ${incidentId}: it is not this workflow's restore; check it by hand`,
    );
  }
  return { targetId, startedAt, existing: true };
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
  const db = await describeInstance(d.rds, p.targetId);
  const status = db?.DBInstanceStatus ?? 'not found';
  // A retry finds the first attempt's change in progress: nothing more to do.
  if (status === 'modifying' || status === 'rebooting') {
    return { at: d.now().toISOString(), modified: true, rebooted: status === 'rebooting' };
  }
  const request = modifyRequest(p);
  if (request) await d.rds.send(new ModifyDBInstanceCommand(request as never));
  const rebooted = (db?.DBParameterGroups ?? []).some((g) => g.ParameterApplyStatus === 'pending-reboot');
  if (rebooted) await d.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: p.targetId }));
  return { at: d.now().toISOString(), modified: request !== undefined, rebooted };
}

export async function restart(state: WorkflowState, s: S, d: Deps) {
  const at = d.now().toISOString();
  if (!s.restart)
    return { note: 'Restart the service by hand so it reconnects (no restart hook configured).', at };
  const { cluster, service } = s.restart;
  const since = Date.parse(state.switched?.at ?? at);
  const current = await d.ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const deployed = (current.services?.[0]?.deployments ?? []).some(
    (x) => x.createdAt !== undefined && x.createdAt.getTime() >= since,
  );
  if (deployed) return { note: `ECS service ${cluster}/${service}: a deployment since the switch runs.`, at };
  await d.ecs.send(new UpdateServiceCommand({ cluster, service, forceNewDeployment: true }));
  return { note: `ECS service ${cluster}/${service}: new deployment forced.`, at };
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
  await publish(d.sns, s.topics.P1, r.title, r.lines);
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
  await publish(d.sns, n.severity === 'P0' ? s.topics.P0 : s.topics.P1, n.title, lines);
  return { notified: n.title };
}

/**
 * The P0 page of a failed recovery. Observing is best effort (the failure may be the very call it
 * would make): what cannot be read is reported as unknown, and only the publish may fail the step.
 * One repair is tried first: a rename sequence stopped between its two renames leaves nothing with
 * the app's name, so the handler retries the second rename once (the resumable step) and says so.
 */
export async function reportFailure(state: WorkflowState, s: S, d: Deps) {
  const { incident } = state;
  const target = restoreTargetId(incident.instance, incident.failureTime);
  const ids = [
    incident.instance,
    target,
    ...(s.switch.strategy === 'rename' ? [renamedSourceId(incident.instance, incident.failureTime)] : []),
  ];
  // Best effort: a describe that fails is reported as unknown, not thrown.
  const observe = () =>
    Promise.all(
      ids.map((id) =>
        observeInstance(d.rds, id, incident.id).catch(
          (): ObservedInstance => ({ id, status: 'unknown (describe failed)' }),
        ),
      ),
    );
  let instances = await observe();
  const repair = s.switch.strategy === 'rename' ? await completeRename(instances, state, d) : undefined;
  if (repair) instances = await observe();
  const pointer = await readPointer(s.switch, d).catch(() => undefined);
  const page = failureReport({
    environment: s.environment,
    state,
    switch: s.switch,
    ...(s.restart ? { restart: s.restart } : {}),
    instances,
    ...(pointer !== undefined ? { pointer } : {}),
  });
  const lines = repair ? [page.lines[0] ?? '', repair, ...page.lines.slice(1)] : page.lines;
  await publish(d.sns, s.topics.P0, page.title, lines);
  return { paged: page.title };
}

/** Retries the second rename once when the sequence stopped between its renames; says what happened. */
async function completeRename(instances: readonly ObservedInstance[], state: WorkflowState, d: Deps) {
  const [original, target, renamed] = instances;
  if (!original || !target || !renamed || renamed.status === 'missing') return undefined;
  if (nextRenameStep(renameView(original, renamed, target)).act !== 'rename-target') return undefined;
  try {
    await renameInstance(d.rds, target.id, original.id);
    return `Repaired by the failure handler: ${target.id} is being renamed to ${state.incident.instance} (the second rename of the sequence).`;
  } catch (error) {
    return `The failure handler retried the second rename and it failed too: ${(error as Error).name}: ${(error as Error).message}`;
  }
}
