/**
 * One outage, one restore, under real concurrency: a burst of triggers (RDS events on both sides of
 * an hour, the database-down alarm, the CLI, duplicates) goes through the real trigger code
 * (`decideTrigger`, `startRecovery`) against a Step Functions fake that keeps the documented rule
 * (an execution name is unique; the same name with other input is ExecutionAlreadyExists) and
 * answers every listing from before the burst, as a slow, eventually consistent read would. Each
 * started execution is then run locally, and its restores counted.
 */
import { startRecovery } from '../../lambdas/recovery-trigger/trigger';
import type { ExecutionStatus } from '../../lib/core/recovery/claim';
import type { Incident } from '../../lib/core/recovery/incident';
import {
  decideTrigger,
  MANUAL_EVENT_KIND,
  type TriggerContext,
} from '../../lib/core/recovery/trigger-decision';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { dbOutageDrill } from './scenario';

interface FakeExecution {
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

/** Step Functions' StartExecution and ListExecutions, with a listing frozen at `freeze()`. */
export class FakeStepFunctions {
  readonly executions: FakeExecution[] = [];
  private frozen: FakeExecution[] | undefined;
  constructor(private readonly now: () => Date) {}
  freeze(): void {
    this.frozen = this.executions.map((e) => ({ ...e }));
  }
  thaw(): void {
    this.frozen = undefined;
  }
  send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    // Yield, so concurrent callers interleave as they would over the network.
    await new Promise((resolve) => setImmediate(resolve));
    if (name === 'ListExecutions') {
      const list = [...(this.frozen ?? this.executions)].reverse();
      return { executions: list.map((e) => ({ ...e, executionArn: `arn:local:${e.name}` })) };
    }
    if (name === 'StartExecution') {
      const executionName = String(command.input.name);
      const input = String(command.input.input);
      const existing = this.executions.find((e) => e.name === executionName);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === input)
          return { executionArn: `arn:local:${executionName}` };
        throw Object.assign(new Error(`Execution Already Exists: '${executionName}'`), {
          name: 'ExecutionAlreadyExists',
        });
      }
      this.executions.push({ name: executionName, input, status: 'RUNNING', startDate: this.now() });
      return { executionArn: `arn:local:${executionName}` };
    }
    throw new Error(`FakeStepFunctions does not know ${name}`);
  };
}

export interface BurstResult {
  readonly label: string;
  readonly triggers: number;
  readonly started: number;
  readonly restores: number;
  readonly notes: readonly string[];
}

const ACCOUNT = '111111111111';
const REGION = 'ap-northeast-2';

/** A burst around an hour boundary: failure 10:59:50, alarm 11:01:10, duplicates, the CLI. */
export async function triggerBurst(stack: OpsStack): Promise<BurstResult[]> {
  const instance = stack.config.database.instanceIdentifier;
  const alarmArn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:database-down`;
  const now = new Date('2026-11-22T11:01:30Z');
  const context: TriggerContext = {
    account: ACCOUNT,
    region: REGION,
    instance,
    databaseDownAlarmArn: alarmArn,
    now,
  };
  const rdsEvent = (id: string, date: string) => ({
    source: 'aws.rds',
    'detail-type': 'RDS DB Instance Event',
    account: ACCOUNT,
    region: REGION,
    time: date,
    resources: [],
    detail: { EventID: id, SourceIdentifier: instance, Date: date },
  });
  const alarm = {
    source: 'aws.cloudwatch',
    'detail-type': 'CloudWatch Alarm State Change',
    account: ACCOUNT,
    region: REGION,
    time: '2026-11-22T11:01:10Z',
    resources: [alarmArn],
    detail: { state: { value: 'ALARM', timestamp: '2026-11-22T11:01:10.000+0000' } },
  };
  const manual = { kind: MANUAL_EVENT_KIND, failureTime: '2026-11-22T10:59:50Z' };
  const burst = [
    rdsEvent('RDS-EVENT-0031', '2026-11-22T10:59:50Z'),
    rdsEvent('RDS-EVENT-0031', '2026-11-22T10:59:50Z'),
    rdsEvent('RDS-EVENT-0031', '2026-11-22T10:59:50Z'),
    alarm,
    alarm,
    alarm,
    rdsEvent('RDS-EVENT-0003', '2026-11-22T11:00:20Z'),
    manual,
    manual,
    rdsEvent('RDS-EVENT-0031', '2026-11-22T11:00:05Z'),
  ];
  let clock = now;
  const sfn = new FakeStepFunctions(() => clock);
  const results: BurstResult[] = [];
  const fire = async (label: string, events: readonly unknown[], at: Date) => {
    clock = at;
    sfn.freeze();
    const before = sfn.executions.length;
    const outcomes = await Promise.all(
      events.map(async (event) => {
        const decision = decideTrigger(event, { ...context, now: at });
        if (!decision.start) return `refused: ${decision.reason}`;
        const r = await startRecovery(sfn as never, 'arn:local:recovery', decision.incident, () => at);
        return `${r.started ? 'started' : 'not started'} ${r.executionName}: ${r.note}`;
      }),
    );
    sfn.thaw();
    const started = sfn.executions.slice(before);
    let restores = 0;
    for (const execution of started) {
      const { incident } = JSON.parse(execution.input) as { incident: Incident };
      const drill = await dbOutageDrill(stack, {
        failureTime: incident.failureTime,
        signalAt: at.toISOString(),
      });
      restores += drill.rds.restored.length;
      execution.status = drill.run.status === 'succeeded' ? 'SUCCEEDED' : 'FAILED';
      execution.stopDate = drill.clock.now();
    }
    results.push({
      label,
      triggers: events.length,
      started: started.length,
      restores,
      notes: [...new Set(outcomes)],
    });
    return started;
  };
  const [first] = await fire('10 triggers at once, both sides of 11:00', burst, now);
  const after = first?.stopDate ?? now;
  // Redeliveries of the same outage after its recovery ended (EventBridge retries for up to 30 min).
  await fire(
    'redeliveries after the recovery ended',
    burst.slice(0, 4),
    new Date(after.getTime() + 5 * 60_000),
  );
  return results;
}
