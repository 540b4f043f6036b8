import { defineCommand, type OptionSpecs } from '../../cli/command';
import { UsageError } from '../../cli/errors';
import type { CliDeps } from '../deps';
import { INIT_TEMPLATE, initEnvironment } from '../init';

const options = {
  env: { type: 'string', value: 'NAME', help: 'the new environment; writes config/NAME.yaml' },
  account: { type: 'string', value: 'ID', help: 'the 12-digit AWS account it deploys to' },
  region: {
    type: 'string',
    value: 'REGION',
    help: 'the region of the service it watches, e.g. ap-northeast-2',
  },
  api: {
    type: 'string',
    value: 'rest|http',
    default: 'rest',
    help: 'the kind of API Gateway in front of the service',
  },
  force: { type: 'boolean', help: 'overwrite an existing config/NAME.yaml' },
} as const satisfies OptionSpecs;

export const initCommand = defineCommand<CliDeps, typeof options>({
  name: 'init',
  summary: 'writes config/NAME.yaml for an environment alone in its account (whole free tier, a budget)',
  usage: '--env NAME --account ID --region REGION [--api rest|http] [--force]',
  options,
  details: [`Starts from config/${INIT_TEMPLATE}.yaml and lists the placeholders left to fill in.`],
  async run({ values }, deps) {
    const missing = (['env', 'account', 'region'] as const).filter((k) => !values[k]);
    if (missing.length > 0)
      throw new UsageError(
        `${missing.map((k) => `--${k}`).join(', ')} required; usage: npm run ops -- init --env NAME --account ID --region REGION [--api rest|http]`,
      );
    if (values.api !== 'rest' && values.api !== 'http')
      throw new UsageError(`--api must be rest or http, got "${values.api}"`);
    const { file, fillIn } = initEnvironment(deps.configDir, {
      env: values.env as string,
      account: values.account as string,
      region: values.region as string,
      api: values.api,
      force: values.force,
    });
    deps.log(
      `wrote ${file} (alone in the account: 10 alarm metrics, 10 custom metrics, 3 dashboards, a budget)`,
    );
    deps.log("fill in next (these are the example's placeholders):");
    for (const line of fillIn) deps.log(`  ${line}`);
    deps.log(`then: npm run synth -- --env ${values.env}   and see README "Deploy"`);
    return 0;
  },
});
