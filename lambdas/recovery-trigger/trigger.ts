/**
 * Starts one recovery execution per incident. RDS events, the database-down alarm and the CLI all
 * come here; what may start a recovery is decided by `decideTrigger` (lib/core/recovery), before any
 * AWS call, and a refusal is logged with its reason.
 */
import { ListExecutionsCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName, type Incident } from '../../lib/core/recovery/incident';
import { hasErrorName } from '../shared/errors';

export interface StartResult {
  readonly started: boolean;
  readonly executionName: string;
  readonly note: string;
}

export async function startRecovery(
  sfn: SFNClient,
  stateMachineArn: string,
  incident: Incident,
): Promise<StartResult> {
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
