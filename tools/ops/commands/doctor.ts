import { defineCommand, type OptionSpecs } from '../../cli/command';
import { UsageError } from '../../cli/errors';
import { type CliDeps, environmentOf } from '../deps';
import { runDoctor } from '../doctor';

const options = {
  env: { type: 'string', value: 'NAME', help: 'the deployed environment to check' },
} as const satisfies OptionSpecs;

export const doctorCommand = defineCommand<CliDeps, typeof options>({
  name: 'doctor',
  summary:
    'checks a deployed environment with read-only calls: metrics with data, stuck alarms, confirmed subscriptions',
  usage: '--env NAME',
  options,
  async run({ values }, deps) {
    const config = environmentOf(deps.configDir, values.env);
    if (!deps.doctor) throw new UsageError('doctor needs AWS clients');
    if (!config.account)
      throw new UsageError(`doctor needs the account id: set account in config/${config.name}.yaml`);
    const result = await runDoctor(config, config.account, deps.doctor(config.region), deps.now());
    for (const v of result.verdicts) deps.log(`${v.ok ? 'PASS' : 'FAIL'}  ${v.line}`);
    const failed = result.verdicts.filter((v) => !v.ok).length;
    deps.log(
      `${result.verdicts.length} checks, ${failed} failed; ${result.calls} read-only API calls, at most $${((result.calls * 0.01) / 1000).toFixed(4)} at $0.01 per 1,000 requests (CloudWatch's price beyond its free API requests)`,
    );
    return failed > 0 ? 1 : 0;
  },
});
