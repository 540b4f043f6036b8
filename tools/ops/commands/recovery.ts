import { defineCommand, type OptionSpecs } from '../../cli/command';
import { UsageError } from '../../cli/errors';
import { type CliDeps, environmentOf } from '../deps';
import { RECOVERY_USAGE, recoveryCommand } from '../recovery';

const options = {
  env: { type: 'string', value: 'NAME', help: 'the environment (config file name)' },
  'failure-time': { type: 'string', value: 'ISO', help: 'plan|start: restore to just before this time' },
  token: { type: 'string', value: 'TOKEN', help: 'approve|deny: the token from the approval page' },
  yes: { type: 'boolean', help: 'start: confirm a real recovery in a prod environment' },
} as const satisfies OptionSpecs;

export const recoveryCliCommand = defineCommand<CliDeps, typeof options>({
  name: 'recovery',
  summary: 'plans, starts, approves, denies or lists runs of the database recovery workflow',
  usage: 'plan|start|approve|deny|status --env NAME [--failure-time ISO] [--token TOKEN] [--yes]',
  options,
  positionals: true,
  async run({ values, positionals }, deps) {
    const [action, ...extra] = positionals;
    if (!action || extra.length > 0) throw new UsageError(RECOVERY_USAGE);
    const config = environmentOf(deps.configDir, values.env);
    if (!deps.recovery) throw new UsageError('recovery needs AWS clients');
    await recoveryCommand(
      config,
      {
        command: action,
        yes: values.yes,
        ...(values.token ? { token: values.token } : {}),
        ...(values['failure-time'] ? { failureTime: values['failure-time'] } : {}),
      },
      { ...deps.recovery(config.region), log: deps.log, now: deps.now },
    );
    return 0;
  },
});
