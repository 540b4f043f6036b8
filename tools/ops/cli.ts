/**
 * `npm run ops -- <command>`: operations against a real account with the default credential chain.
 *   drill paging --env NAME [--severity P0..P3] [--dry-run] [--yes] [--hold SECONDS]
 *   recovery plan|start|approve|deny|status --env NAME [--failure-time ISO] [--token TOKEN] [--yes]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SFNClient } from '@aws-sdk/client-sfn';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import { ConfigError, loadEnvironments } from '../../lib/core/environments/load';
import { SEVERITIES, type Severity } from '../../lib/core/severity/severities';
import { planPagingDrill, runPagingDrill } from './paging-drill';
import { RECOVERY_USAGE, type RecoveryCliDeps, RecoveryUsageError, recoveryCommand } from './recovery';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliDeps {
  readonly configDir: string;
  readonly cloudwatch: (region: string) => CloudWatchClient;
  readonly recovery?: (region: string) => Omit<RecoveryCliDeps, 'log' | 'now'>;
  readonly log: (line: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

export async function runCli(argv: readonly string[], deps: CliDeps): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      severity: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      hold: { type: 'string', default: '30' },
      token: { type: 'string' },
      'failure-time': { type: 'string' },
    },
  });
  const [group, command] = positionals;
  if (group === 'recovery') {
    if (!values.env) throw new UsageError('--env is required: the environment (config file name)');
    const [config] = loadEnvironments(deps.configDir, values.env);
    if (!config || !deps.recovery) throw new UsageError(`no environment ${values.env}`);
    await recoveryCommand(
      config,
      {
        command: command ?? '',
        yes: values.yes,
        ...(values.token ? { token: values.token } : {}),
        ...(values['failure-time'] ? { failureTime: values['failure-time'] } : {}),
      },
      { ...deps.recovery(config.region), log: deps.log, now: deps.now },
    );
    return;
  }
  if (group !== 'drill' || command !== 'paging') {
    throw new UsageError(
      'usage: npm run ops -- drill paging --env NAME [--severity P0..P3] [--dry-run] [--yes] [--hold SECONDS]',
    );
  }
  if (!values.env) throw new UsageError('--env is required: the environment (config file name) to drill');
  const severity = values.severity;
  if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) {
    throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, got "${severity}"`);
  }
  const hold = Number(values.hold);
  if (!Number.isInteger(hold) || hold < 0 || hold > 600)
    throw new UsageError(`--hold must be 0..600 seconds, got "${values.hold}"`);
  const [config] = loadEnvironments(deps.configDir, values.env);
  if (!config) throw new UsageError(`no environment ${values.env}`);
  if (config.tier === 'prod' && !values['dry-run'] && !values.yes) {
    throw new UsageError(
      `${config.name} is a prod environment: this pages real people. Add --yes to confirm, or --dry-run`,
    );
  }
  const steps = planPagingDrill(resolveCatalog(config), severity as Severity | undefined);
  deps.log(`paging drill for ${config.name} (${config.region})${values['dry-run'] ? ', dry run' : ''}`);
  await runPagingDrill(
    steps,
    { dryRun: values['dry-run'], holdSeconds: hold },
    {
      cloudwatch: deps.cloudwatch(config.region),
      now: deps.now,
      sleep: deps.sleep,
      log: deps.log,
    },
  );
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    configDir: join(__dirname, '..', '..', 'config'),
    cloudwatch: (region) => new CloudWatchClient({ region }),
    recovery: (region) => ({
      cloudformation: new CloudFormationClient({ region }),
      sfn: new SFNClient({ region }),
      user: process.env.USER ?? 'unknown',
    }),
    log: (line) => process.stdout.write(`${line}\n`),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => new Date(),
  }).catch((error: unknown) => {
    const known =
      error instanceof UsageError || error instanceof ConfigError || error instanceof RecoveryUsageError;
    process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(known ? 2 : 1);
  });
}
