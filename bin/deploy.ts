/**
 * `npm run deploy -- NAME [--bootstrap]`: deploys one environment's stacks (the CDK Stage NAME:
 * `npx cdk deploy -c env=NAME 'NAME/*'`) after checking, without an AWS call, that the environment
 * exists and the default credential chain has credentials, so either problem is one line instead
 * of a bundling run and a CDK stack trace. `--bootstrap` first bootstraps the environment's region
 * and, outside us-east-1, us-east-1 (where the cost anomaly stack lives).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { commandHelp, defineCommand, isHelp, type OptionSpecs, type Program } from '../tools/cli/command';
import { runMain, UsageError } from '../tools/cli/errors';
import { environmentOf } from '../tools/ops/deps';

export interface DeployDeps {
  readonly configDir: string;
  /** Resolves the default credential chain for a region; throws the SDK's error when it has none. */
  readonly credentials: (region: string) => Promise<unknown>;
  /** Runs `npx ARGS` in the foreground; resolves to its exit code. */
  readonly npx: (args: readonly string[]) => number;
  readonly log: (line: string) => void;
}

const options = {
  bootstrap: {
    type: 'boolean',
    help: "run cdk bootstrap first, in the environment's region and (outside it) us-east-1",
  },
} as const satisfies OptionSpecs;

const deploy = defineCommand<DeployDeps, typeof options>({
  name: '',
  summary:
    "Deploys one environment's stacks in order (the CDK Stage NAME: main stack, then its cost anomaly stack).",
  usage: 'NAME [--bootstrap]',
  options,
  positionals: true,
  async run({ values, positionals }, deps) {
    const [name, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`one environment at a time, got ${positionals.join(' ')}`);
    if (!name) throw new UsageError('the environment is required: npm run deploy -- NAME (config/NAME.yaml)');
    const config = environmentOf(deps.configDir, name);
    if (!config.account)
      throw new UsageError(`config/${name}.yaml has no account: set the AWS account id to deploy to`);
    await deps.credentials(config.region);
    const context = ['-c', `env=${name}`];
    if (values.bootstrap) {
      const regions = [...new Set([config.region, 'us-east-1'])];
      const targets = regions.map((r) => `aws://${config.account}/${r}`);
      deps.log(`bootstrapping ${targets.join(' ')}`);
      const status = deps.npx(['cdk', 'bootstrap', ...context, ...targets]);
      if (status !== 0) return status;
    }
    return deps.npx(['cdk', 'deploy', ...context, `${name}/*`]);
  },
});

export const DEPLOY_PROGRAM: Program<DeployDeps> = {
  invocation: 'npm run deploy --',
  summary: deploy.summary,
  commands: [deploy],
};

export async function runDeploy(argv: readonly string[], deps: DeployDeps): Promise<number> {
  if (isHelp(argv)) {
    deps.log(commandHelp(DEPLOY_PROGRAM, deploy));
    return 0;
  }
  return deploy.run(argv, deps, 'npm run deploy -- NAME [--bootstrap]');
}

if (require.main === module) {
  runMain(() =>
    runDeploy(process.argv.slice(2), {
      configDir: join(__dirname, '..', 'config'),
      credentials: (region) => new CloudFormationClient({ region }).config.credentials(),
      npx: (args) => spawnSync('npx', [...args], { stdio: 'inherit' }).status ?? 1,
      log: (line) => process.stdout.write(`${line}\n`),
    }),
  );
}
