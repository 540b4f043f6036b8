/**
 * Starts one recovery execution per incident. RDS events, the database-down alarm and the CLI all
 * come here; the execution name is derived from the incident, and a running recovery of the same
 * instance is joined instead of started again.
 */
import { ListExecutionsCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName, type Incident, newIncident } from '../../lib/core/recovery/incident';
import { hasErrorName } from '../shared/errors';

export const MANUAL_EVENT_KIND = 'ops-stack.recovery-start';

export class MalformedTriggerError extends Error {
  override readonly name = 'MalformedTriggerError';
}

export function incidentFromEvent(event: unknown, instance: string, now: Date): Incident {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const detail = (e.detail ?? {}) as Record<string, unknown>;
  const time = typeof e.time === 'string' ? e.time : now.toISOString();
  if (e.source === 'aws.rds') {
    const id = detail.EventID;
    if (id !== 'RDS-EVENT-0031' && id !== 'RDS-EVENT-0003') {
      throw new MalformedTriggerError(
        `detail.EventID: expected RDS-EVENT-0031 or RDS-EVENT-0003, got ${JSON.stringify(id)}`,
      );
    }
    if (detail.SourceIdentifier !== instance) {
      throw new MalformedTriggerError(
        `detail.SourceIdentifier: expected ${instance}, got ${JSON.stringify(detail.SourceIdentifier)}`,
      );
    }
    return newIncident(instance, typeof detail.Date === 'string' ? detail.Date : time, id, now.toISOString());
  }
  if (e.source === 'aws.cloudwatch') {
    const state = (detail.state ?? {}) as Record<string, unknown>;
    if (state.value !== 'ALARM')
      throw new MalformedTriggerError(
        `detail.state.value: expected ALARM, got ${JSON.stringify(state.value)}`,
      );
    return newIncident(
      instance,
      typeof state.timestamp === 'string' ? state.timestamp : time,
      'alarm',
      now.toISOString(),
    );
  }
  if (e.kind === MANUAL_EVENT_KIND) {
    const mode = e.mode === 'plan' ? 'plan' : 'recover';
    const failureTime = typeof e.failureTime === 'string' ? e.failureTime : now.toISOString();
    return newIncident(instance, failureTime, 'manual', now.toISOString(), mode);
  }
  throw new MalformedTriggerError(
    `expected an RDS event, a CloudWatch alarm state change or {"kind":"${MANUAL_EVENT_KIND}"}, got ${JSON.stringify(event)?.slice(0, 120)}`,
  );
}

export async function startRecovery(
  sfn: SFNClient,
  stateMachineArn: string,
  incident: Incident,
): Promise<{ readonly started: boolean; readonly executionName: string; readonly note: string }> {
  const name = executionName(incident);
  const running = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 100 }),
  );
  const sameInstance = (running.executions ?? []).find(
    (x) =>
      (x.name ?? '').replace(/^plan-/, '').startsWith(`${incident.instance}-`) &&
      (x.name ?? '').startsWith('plan-') === (incident.mode === 'plan'),
  );
  if (sameInstance)
    return {
      started: false,
      executionName: sameInstance.name ?? name,
      note: 'a recovery of this instance is already running',
    };
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ incident }) }));
    return { started: true, executionName: name, note: 'started' };
  } catch (error) {
    if (hasErrorName(error, 'ExecutionAlreadyExists')) {
      return { started: false, executionName: name, note: 'this incident already has an execution' };
    }
    throw error;
  }
}
