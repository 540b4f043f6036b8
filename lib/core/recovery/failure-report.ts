/**
 * The P0 page of a recovery that failed: what was done, the state it left (which instances exist and
 * where the app's endpoint points) and the exact next manual step. Pure: the step function observes,
 * this writes the page.
 */
import type { SwitchSettings } from './function-settings';
import { renamedSourceId, restoreTargetId } from './incident';
import type { WorkflowState } from './step-contract';

export interface ObservedInstance {
  readonly id: string;
  /** `missing` when RDS says it does not exist; `unknown` when the describe itself failed. */
  readonly status: string;
  readonly endpoint?: string;
  /** Carries this incident's tag: the workflow restored it. */
  readonly ours?: boolean;
}

export interface FailureFacts {
  readonly environment: string;
  readonly state: WorkflowState;
  readonly switch: SwitchSettings;
  readonly restart?: { readonly cluster: string; readonly service: string };
  readonly instances: readonly ObservedInstance[];
  /** Where the app's endpoint points now, as read from the parameter or secret, when readable. */
  readonly pointer?: string;
}

const CAUSE_MAX = 600;

export function failureReport(f: FailureFacts): { title: string; lines: string[] } {
  const { state } = f;
  const { incident } = state;
  const source = incident.instance;
  const target = restoreTargetId(source, incident.failureTime);
  const renamed = renamedSourceId(source, incident.failureTime);
  const failedAt = state.failedState ?? 'an unknown state';
  const error = state.failure?.Error ?? 'unknown error';
  const cause = (state.failure?.Cause ?? '').slice(0, CAUSE_MAX);
  const seen = (id: string) => f.instances.find((i) => i.id === id);
  const describe = (i: ObservedInstance | undefined, id: string) =>
    i
      ? `${id}: ${i.status}${i.endpoint ? ` (${i.endpoint})` : ''}${i.ours ? ', restored by this incident' : ''}`
      : `${id}: not checked`;
  const lines = [
    `Incident ${incident.id} (${incident.signal} at ${incident.signalTime}); failure at ${incident.failureTime}.`,
    `Failed at ${failedAt}: ${error}${cause ? `: ${cause}` : ''}`,
    `Done: ${done(state).join('; ') || 'nothing changed yet'}`,
    `Instances now: ${[source, target, ...(f.switch.strategy === 'rename' ? [renamed] : [])]
      .map((id) => describe(seen(id), id))
      .join(' | ')}`,
    `App endpoint: ${pointerLine(f, seen(source))}`,
    ...nextSteps(f, seen(source), seen(target), seen(renamed)).map((s, n) => `Next ${n + 1}: ${s}`),
    'Nothing was deleted.',
  ];
  return { title: `DB recovery of ${source} failed at ${failedAt} (${error}): act now`, lines };
}

function done(state: WorkflowState): string[] {
  return [
    ...(state.assessment ? [`assessed ${state.assessment.state} (${state.assessment.verdict})`] : []),
    ...(state.plan
      ? [`planned ${state.plan.method} to ${state.plan.restorePoint} into ${state.plan.targetId}`]
      : []),
    ...(state.approval ? [`approved${state.approval.by ? ` by ${state.approval.by}` : ''}`] : []),
    ...(state.restore ? [`restore started ${state.restore.startedAt}`] : []),
    ...(state.target ? [`target ${state.target.status}`] : []),
    ...(state.modified?.modified ? ['settings applied'] : []),
    ...(state.switched ? [`switch: ${state.switched.phase}`] : []),
    ...(state.restart ? [`restart: ${state.restart.note}`] : []),
    ...(state.verify?.verified ? [`verified ${state.verify.endpoint}`] : []),
  ];
}

function pointerLine(f: FailureFacts, source: ObservedInstance | undefined): string {
  const s = f.switch;
  switch (s.strategy) {
    case 'parameter':
      return `SSM parameter ${s.parameterName} = ${f.pointer ?? 'unreadable'}`;
    case 'secret':
      return `secret ${s.secretId} host = ${f.pointer ?? 'unreadable'}`;
    case 'cname':
      return `CNAME ${s.recordName} (zone ${s.hostedZoneId}) ${f.state.switched?.done ? `now ${f.state.switched.endpoint}` : 'unchanged by the workflow'}`;
    case 'rename':
      return `the app connects to ${f.state.incident.instance}, which is ${source ? source.status : 'not checked'}`;
  }
}

function nextSteps(
  f: FailureFacts,
  source: ObservedInstance | undefined,
  target: ObservedInstance | undefined,
  renamed: ObservedInstance | undefined,
): string[] {
  const { incident } = f.state;
  const env = f.environment;
  const rerun = `npm run ops -- recovery start --env ${env} --failure-time ${incident.failureTime} --yes`;
  const targetId = restoreTargetId(incident.instance, incident.failureTime);
  const restartStep = f.restart
    ? `restart the app: aws ecs update-service --cluster ${f.restart.cluster} --service ${f.restart.service} --force-new-deployment`
    : 'restart the app so it reconnects';
  if (!f.state.restore) {
    return [
      'fix the cause above (nothing was restored or switched)',
      `then rerun: ${rerun} (restores into ${targetId}), or restore by hand from the plan above`,
    ];
  }
  if (f.state.switched?.done) {
    return [
      `the app already points at ${f.state.switched.instance ?? targetId}: ${restartStep}`,
      'then check it serves',
    ];
  }
  const endpoint = target?.endpoint ?? '<endpoint of the target>';
  if (f.switch.strategy === 'rename') {
    const renameTarget = `aws rds modify-db-instance --db-instance-identifier ${targetId} --new-db-instance-identifier ${incident.instance} --apply-immediately`;
    if (source?.ours)
      return [`${incident.instance} is the restored instance; wait until it is available`, restartStep];
    if (source?.status === 'missing' && target && target.status !== 'missing') {
      return [
        target.status === 'available'
          ? `give the restored instance the original name: ${renameTarget}`
          : `wait until ${targetId} is available (it is ${target.status}), then: ${renameTarget}`,
        restartStep,
      ];
    }
    const renameSource = `aws rds modify-db-instance --db-instance-identifier ${incident.instance} --new-db-instance-identifier ${renamedSourceId(incident.instance, incident.failureTime)} --apply-immediately`;
    return [
      `${target?.status === 'available' ? `${targetId} is available` : `when ${targetId} is available`}: move the failed source away (${renameSource}), then ${renameTarget}`,
      `or rerun: ${rerun} (continues with ${targetId})`,
      ...(renamed && renamed.status !== 'missing'
        ? [`${renamed.id} already exists (${renamed.status})`]
        : []),
    ];
  }
  const switchStep = switchCommand(f.switch, endpoint);
  return [
    target?.status === 'available'
      ? `point the app at the restored instance: ${switchStep}`
      : `wait until ${targetId} is available (it is ${target?.status ?? 'not checked'}), then: ${switchStep}`,
    `or rerun: ${rerun} (continues with ${targetId})`,
    restartStep,
  ];
}

function switchCommand(s: Exclude<SwitchSettings, { strategy: 'rename' }>, endpoint: string): string {
  switch (s.strategy) {
    case 'parameter':
      return `aws ssm put-parameter --name ${s.parameterName} --value ${endpoint} --type String --overwrite`;
    case 'secret':
      return `set "host" to ${endpoint} in secret ${s.secretId} (aws secretsmanager put-secret-value --secret-id ${s.secretId} --secret-string '<the JSON with the new host>')`;
    case 'cname':
      return `aws route53 change-resource-record-sets --hosted-zone-id ${s.hostedZoneId} --change-batch '{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"${s.recordName}","Type":"CNAME","TTL":60,"ResourceRecords":[{"Value":"${endpoint}"}]}}]}'`;
  }
}
