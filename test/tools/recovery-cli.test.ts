import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../tools/ops/cli';
import { CONFIG_DIR } from '../helpers/synth';

const cfn = mockClient(CloudFormationClient);
const sfn = mockClient(SFNClient);
let lines: string[];
const deps = () => ({
  configDir: CONFIG_DIR,
  cloudwatch: () => new CloudWatchClient({}),
  recovery: () => ({ cloudformation: new CloudFormationClient({}), sfn: new SFNClient({}), user: 'oncall' }),
  log: (l: string) => lines.push(l),
  sleep: async () => {},
  now: () => new Date('2026-11-22T10:05:00Z'),
});

beforeEach(() => {
  cfn.reset();
  sfn.reset();
  lines = [];
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'x',
        CreationTime: new Date(),
        StackStatus: 'CREATE_COMPLETE',
        Outputs: [{ OutputKey: 'RecoveryStateMachineArn', OutputValue: 'arn:sm' }],
      },
    ],
  });
  sfn.on(ListExecutionsCommand).resolves({ executions: [] });
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x' });
});

/** The state machine lists one running execution, started at 10:01. */
const runningExecution = (name: string) =>
  sfn.on(ListExecutionsCommand).resolves({
    executions: [
      {
        executionArn: 'a',
        stateMachineArn: 'arn:sm',
        name,
        status: 'RUNNING',
        startDate: new Date('2026-11-22T10:01:00Z'),
      },
    ],
  });

describe('npm run ops -- recovery', () => {
  it('plan starts a dry-run execution of its own, even while a recovery runs', async () => {
    runningExecution('ticketing-prod-db-recovery-1');
    await runCli(
      ['recovery', 'plan', '--env', 'example-prod', '--failure-time', '2026-11-22T10:00:00Z'],
      deps(),
    );
    const start = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start).toMatchObject({
      stateMachineArn: 'arn:sm',
      name: 'plan-ticketing-prod-db-20261122T100500',
    });
    expect(JSON.parse(start?.input ?? '{}').incident).toMatchObject({ mode: 'plan', signal: 'manual' });
    expect(lines).toEqual([
      'plan-ticketing-prod-db-20261122T100500: started for incident ticketing-prod-db-2026112210',
    ]);
  });

  it('start in prod needs --yes', async () => {
    await expect(runCli(['recovery', 'start', '--env', 'example-prod'], deps())).rejects.toThrowError(
      /prod environment: add --yes/,
    );
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    await runCli(['recovery', 'start', '--env', 'example-prod', '--yes'], deps());
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.name).toBe(
      'ticketing-prod-db-recovery-1',
    );
  });

  it('start while a recovery runs starts nothing and says which one runs', async () => {
    runningExecution('ticketing-prod-db-recovery-3');
    await runCli(['recovery', 'start', '--env', 'example-prod', '--yes'], deps());
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(lines).toEqual([
      'ticketing-prod-db-recovery-3: recovery ticketing-prod-db-recovery-3 of ticketing-prod-db is running (started 2026-11-22T10:01:00.000Z)',
    ]);
  });

  it('approve and deny answer the task token with who and when', async () => {
    await runCli(['recovery', 'approve', '--env', 'example-prod', '--token', 'tok'], deps());
    await runCli(['recovery', 'deny', '--env', 'example-prod', '--token', 'tok'], deps());
    const outputs = sfn
      .commandCalls(SendTaskSuccessCommand)
      .map((c) => JSON.parse(c.args[0].input.output ?? '{}'));
    expect(outputs).toEqual([
      { approved: true, by: 'oncall', at: '2026-11-22T10:05:00.000Z' },
      { approved: false, by: 'oncall', at: '2026-11-22T10:05:00.000Z' },
    ]);
    await expect(runCli(['recovery', 'approve', '--env', 'example-prod'], deps())).rejects.toThrowError(
      '--token is required',
    );
  });

  it('status lists the latest executions', async () => {
    runningExecution('ticketing-prod-db-2026112210');
    await runCli(['recovery', 'status', '--env', 'example-prod'], deps());
    expect(lines).toEqual(['ticketing-prod-db-2026112210  RUNNING  started 2026-11-22T10:01:00.000Z']);
  });

  it('says to deploy first when the stack has no output', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [] });
    await expect(runCli(['recovery', 'status', '--env', 'example-prod'], deps())).rejects.toThrowError(
      'stack OpsStack-example-prod has no RecoveryStateMachineArn output: deploy it first',
    );
  });
});
