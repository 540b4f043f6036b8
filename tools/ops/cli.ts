/**
 * `npm run ops -- COMMAND [options]`: operations against a real account with the default credential
 * chain. `npm run ops -- --help` lists the commands; each command lives in tools/ops/commands/ and
 * is one row of the table below.
 */
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { RDSClient } from '@aws-sdk/client-rds';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { type Command, dispatch, type Program } from '../cli/command';
import { runMain } from '../cli/errors';
import { doctorCommand } from './commands/doctor';
import { drillPagingCommand } from './commands/drill-paging';
import { initCommand } from './commands/init';
import { muteCliCommand, unmuteCliCommand } from './commands/mute';
import { recoveryCliCommand } from './commands/recovery';
import type { CliDeps } from './deps';

export { UsageError } from '../cli/errors';
export type { CliDeps } from './deps';

const COMMANDS: readonly Command<CliDeps>[] = [
  initCommand,
  doctorCommand,
  drillPagingCommand,
  recoveryCliCommand,
  muteCliCommand,
  unmuteCliCommand,
];

export const OPS_PROGRAM: Program<CliDeps> = {
  invocation: 'npm run ops --',
  summary: 'Operations against a deployed environment, with the default AWS credential chain.',
  commands: COMMANDS,
};

/** Runs one command; resolves to its exit code, throws user errors (the caller prints them). */
export function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  return dispatch(OPS_PROGRAM, argv, deps, deps.log);
}

if (require.main === module) {
  runMain(() =>
    runCli(process.argv.slice(2), {
      configDir: join(__dirname, '..', '..', 'config'),
      cloudwatch: (region) => new CloudWatchClient({ region }),
      recovery: (region) => ({
        cloudformation: new CloudFormationClient({ region }),
        sfn: new SFNClient({ region }),
        user: process.env.USER ?? 'unknown',
      }),
      doctor: (region) => ({
        cloudwatch: (r) => new CloudWatchClient({ region: r }),
        sns: new SNSClient({ region }),
        logs: new CloudWatchLogsClient({ region }),
        ssm: new SSMClient({ region }),
        rds: new RDSClient({ region }),
        cloudformation: new CloudFormationClient({ region }),
        // Cost Explorer's one endpoint: https://ce.us-east-1.amazonaws.com
        costExplorer: new CostExplorerClient({ region: 'us-east-1' }),
      }),
      log: (line) => process.stdout.write(`${line}\n`),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => new Date(),
      user: process.env.USER ?? 'unknown',
    }),
  );
}
