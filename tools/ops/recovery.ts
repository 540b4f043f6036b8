/**
 * `npm run ops -- recovery plan|start|approve|deny|status --env NAME`: the recovery workflow from a
 * terminal, with the default credential chain. The state machine is found through the stack output.
 */
import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListExecutionsCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { startRecovery } from '../../lambdas/recovery-trigger/trigger';
import { RECOVERY_OUTPUT, stackName } from '../../lib/core/catalog/naming';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { decideTrigger, MANUAL_EVENT_KIND } from '../../lib/core/recovery/trigger-decision';

export interface RecoveryCliDeps {
  readonly cloudformation: CloudFormationClient;
  readonly sfn: SFNClient;
  readonly log: (line: string) => void;
  readonly now: () => Date;
  readonly user: string;
}

export interface RecoveryArgs {
  readonly command: string;
  readonly token?: string;
  readonly failureTime?: string;
  readonly yes: boolean;
}

export class RecoveryUsageError extends Error {
  override readonly name = 'RecoveryUsageError';
}

export const RECOVERY_USAGE =
  'usage: npm run ops -- recovery plan|start|approve|deny|status --env NAME [--failure-time ISO] [--token TOKEN] [--yes]';

export async function recoveryCommand(
  config: EnvironmentConfig,
  args: RecoveryArgs,
  deps: RecoveryCliDeps,
): Promise<void> {
  if (!config.recovery?.enabled)
    throw new RecoveryUsageError(
      `${config.name} has no recovery workflow (no recovery section in its config)`,
    );
  switch (args.command) {
    case 'approve':
    case 'deny': {
      if (!args.token) throw new RecoveryUsageError(`--token is required: the token from the approval page`);
      const approved = args.command === 'approve';
      await deps.sfn.send(
        new SendTaskSuccessCommand({
          taskToken: args.token,
          output: JSON.stringify({ approved, by: deps.user, at: deps.now().toISOString() }),
        }),
      );
      deps.log(`${approved ? 'approved' : 'denied'} as ${deps.user}`);
      return;
    }
    case 'plan':
    case 'start': {
      if (args.command === 'start' && config.tier === 'prod' && !args.yes) {
        throw new RecoveryUsageError(
          `${config.name} is a prod environment: add --yes to start a real recovery, or run "recovery plan"`,
        );
      }
      const arn = await stateMachineArn(config, deps);
      const decision = decideTrigger(
        {
          kind: MANUAL_EVENT_KIND,
          mode: args.command === 'plan' ? 'plan' : 'recover',
          ...(args.failureTime ? { failureTime: args.failureTime } : {}),
        },
        {
          account: config.account ?? '',
          region: config.region,
          instance: config.database.instanceIdentifier,
          now: deps.now(),
        },
      );
      if (!decision.start) throw new RecoveryUsageError(`not started: ${decision.reason}`);
      const incident = decision.incident;
      const result = await startRecovery(deps.sfn, arn, incident, deps.now);
      deps.log(`${result.executionName}: ${result.note}`);
      return;
    }
    case 'status': {
      const arn = await stateMachineArn(config, deps);
      const out = await deps.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 5 }));
      if ((out.executions ?? []).length === 0) deps.log('no executions');
      for (const x of out.executions ?? []) {
        deps.log(
          `${x.name}  ${x.status}  started ${x.startDate?.toISOString() ?? '?'}${x.stopDate ? `  stopped ${x.stopDate.toISOString()}` : ''}`,
        );
      }
      return;
    }
  }
  throw new RecoveryUsageError(RECOVERY_USAGE);
}

async function stateMachineArn(config: EnvironmentConfig, deps: RecoveryCliDeps): Promise<string> {
  const name = stackName(config.name);
  const out = await deps.cloudformation.send(new DescribeStacksCommand({ StackName: name }));
  const arn = out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === RECOVERY_OUTPUT)?.OutputValue;
  if (!arn) throw new RecoveryUsageError(`stack ${name} has no ${RECOVERY_OUTPUT} output: deploy it first`);
  return arn;
}
