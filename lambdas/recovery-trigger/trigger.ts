/**
 * Starts at most one recovery execution per outage. RDS events, the database-down alarm and the CLI
 * all come here; what may start a recovery is decided by `decideTrigger` (lib/core/recovery) before
 * any AWS call, and which execution may run by `claimExecution`, whose name Step Functions makes
 * atomic.
 */
import {
  type ExecutionListItem,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { claimExecution, type ExecutionSummary } from '../../lib/core/recovery/claim';
import type { Incident } from '../../lib/core/recovery/incident';
import { hasErrorName } from '../shared/errors';

export interface StartResult {
  readonly started: boolean;
  readonly executionName: string;
  readonly note: string;
}

/** Enough history to see the latest recoveries; the newest come first. */
const LISTED_EXECUTIONS = 100;

export async function startRecovery(
  sfn: SFNClient,
  stateMachineArn: string,
  incident: Incident,
  now: () => Date = () => new Date(),
): Promise<StartResult> {
  const listed = await sfn.send(
    new ListExecutionsCommand({ stateMachineArn, maxResults: LISTED_EXECUTIONS }),
  );
  const claim = claimExecution(incident, (listed.executions ?? []).map(summary), now());
  if (!claim.start) return { started: false, executionName: claim.executionName, note: claim.reason };
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: claim.executionName,
        input: JSON.stringify({ incident }),
      }),
    );
    return { started: true, executionName: claim.executionName, note: `started for incident ${incident.id}` };
  } catch (error) {
    if (hasErrorName(error, 'ExecutionAlreadyExists')) {
      return {
        started: false,
        executionName: claim.executionName,
        note: 'a concurrent trigger already started this recovery',
      };
    }
    throw error;
  }
}

function summary(e: ExecutionListItem): ExecutionSummary {
  return {
    name: e.name ?? '',
    status: (e.status ?? 'RUNNING') as ExecutionSummary['status'],
    startDate: (e.startDate ?? new Date(0)).toISOString(),
    ...(e.stopDate ? { stopDate: e.stopDate.toISOString() } : {}),
  };
}
