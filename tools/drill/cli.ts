/**
 * `npm run drill -- db-outage [--env NAME] [--approve-after MIN]` runs the synthesized recovery
 * workflow of an environment locally against a realistic in-memory RDS and a simulated clock, and
 * prints the timeline with the simulated RTO and RPO; `npm run drill -- faults [--env NAME]` runs
 * it once per fault at each AWS call (tools/drill/faults.ts). Needs no AWS account.
 */
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadEnvironments } from '../../lib/core/environments/load';
import { addEnvironments } from '../../lib/stacks/ops-app';
import { defineCommand, dispatch, type Program } from '../cli/command';
import { runMain, UsageError } from '../cli/errors';
import { printFaultDrill } from './fault-report';
import { dbOutageDrill } from './scenario';

const ENV = {
  type: 'string',
  value: 'NAME',
  help: 'the environment (config/NAME.yaml)',
  default: 'example-dev',
} as const;

function recoveryStack(env: string) {
  const configs = loadEnvironments(join(__dirname, '..', '..', 'config'), env);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const [stack] = addEnvironments(app, configs);
  if (!stack?.recovery)
    throw new UsageError(`${env} has no recovery workflow (add a recovery section to its config)`);
  return stack;
}

type Log = (line: string) => void;

const dbOutage = defineCommand<
  Log,
  { env: typeof ENV; 'approve-after': { type: 'string'; value: string; help: string; default: string } }
>({
  name: 'db-outage',
  summary: 'Run the recovery workflow locally on a simulated outage; print the timeline, RTO and RPO',
  usage: '[--env NAME] [--approve-after MINUTES]',
  options: {
    env: ENV,
    'approve-after': {
      type: 'string',
      value: 'MINUTES',
      help: 'when the simulated approver answers',
      default: '5',
    },
  },
  run: async ({ values }, log) => dbOutageCommand(values.env, Number(values['approve-after']), log),
});

const faults = defineCommand<Log, { env: typeof ENV }>({
  name: 'faults',
  summary:
    'One fault (throttling, timeout, 5xx, access denied) at each AWS call of the recovery, and trigger bursts',
  usage: '[--env NAME]',
  options: { env: ENV },
  run: async ({ values }, log) => printFaultDrill(recoveryStack(values.env), values.env, log),
});

export const DRILL_PROGRAM: Program<Log> = {
  invocation: 'npm run drill --',
  summary: 'Drills of the recovery workflow, run locally with no AWS account.',
  commands: [dbOutage, faults],
};

export function main(argv: readonly string[], log: Log): Promise<number> {
  return dispatch(DRILL_PROGRAM, argv, log, log);
}

async function dbOutageCommand(env: string, approveAfter: number, log: Log): Promise<number> {
  const stack = recoveryStack(env);
  const values = { env };
  const drill = await dbOutageDrill(stack, {
    approval: { approved: true, afterMinutes: approveAfter },
  });
  const { run } = drill;
  log(
    `DB outage drill for ${values.env} (simulated clock; failure at ${drill.failureTime}, signal at ${drill.signalTime})`,
  );
  for (const s of run.steps) log(`  ${s.at}  ${s.state} (${s.action})`);
  const restore = drill.rds.calls.find((c) => c.name.startsWith('RestoreDBInstance'));
  log(`result: ${run.status}${run.error ? ` (${run.error})` : ''}`);
  for (const p of drill.aws.published())
    log(`\n${p.topic.endsWith('P0') ? '[P0]' : '[P1]'} ${p.title}\n  ${p.lines.join('\n  ')}`);
  if (restore) {
    const overhead = (Date.parse(restore.at) - Date.parse(drill.signalTime)) / 1000;
    log(`\nautomation overhead from the outage signal to the restore call: ${overhead} s (simulated)`);
  }
  log(`state transitions: ${run.transitions} (Step Functions free tier: 4,000 a month)`);
  log(
    `restore calls: ${drill.rds.restoreCalls()}; delete calls: ${drill.rds.calls.filter((c) => c.name.startsWith('Delete')).length}`,
  );
  return run.status === 'succeeded' ? 0 : 1;
}

if (require.main === module) {
  runMain(() => main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)));
}
