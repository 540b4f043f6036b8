/**
 * `npm run drill -- db-outage [--env NAME] [--approve-after MIN]`: runs the synthesized recovery
 * workflow of an environment locally against a realistic in-memory RDS and a simulated clock, and
 * prints the timeline with the simulated RTO and RPO. Needs no AWS account.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { loadEnvironments } from '../../lib/core/environments/load';
import { addEnvironments } from '../../lib/stacks/ops-app';
import { printFaultDrill } from './fault-report';
import { dbOutageDrill } from './scenario';

const USAGE = [
  'usage: npm run drill -- db-outage [--env NAME] [--approve-after MINUTES]',
  '       npm run drill -- faults [--env NAME]    one fault at each AWS call of the recovery, and trigger bursts',
].join('\n');

export async function main(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      env: { type: 'string', default: 'example-dev' },
      'approve-after': { type: 'string', default: '5' },
    },
  });
  const command = positionals[0];
  if (command !== 'db-outage' && command !== 'faults') {
    log(USAGE);
    return 2;
  }
  const configs = loadEnvironments(join(__dirname, '..', '..', 'config'), values.env);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const [stack] = addEnvironments(app, configs);
  if (!stack?.recovery) {
    log(`${values.env} has no recovery workflow (add a recovery section to its config)`);
    return 2;
  }
  if (command === 'faults') return printFaultDrill(stack, values.env, log);
  const drill = await dbOutageDrill(stack, {
    approval: { approved: true, afterMinutes: Number(values['approve-after']) },
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
  main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then((code) => {
    process.exitCode = code;
  });
}
