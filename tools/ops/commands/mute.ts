import type { EnvironmentConfig } from '../../../lib/core/config/schema';
import { defineCommand, type OptionSpecs } from '../../cli/command';
import { type CliDeps, environmentOf } from '../deps';
import { type MuteDeps, muteCommand, unmuteCommand } from '../mute';

function muteDeps(config: EnvironmentConfig, deps: CliDeps): MuteDeps {
  return {
    cloudwatch: deps.cloudwatch(config.region),
    now: deps.now,
    log: deps.log,
    user: deps.user ?? 'unknown',
  };
}

const muteOptions = {
  env: { type: 'string', value: 'NAME', help: 'the environment (config file name) whose alarms to mute' },
  for: { type: 'string', value: 'DURATION', help: 'how long: 45m, 2h, 1h30m (1 minute to 15 days)' },
  reason: {
    type: 'string',
    value: 'TEXT',
    help: 'why the pages may wait; shown on the rule and in the weekly report',
  },
  severity: { type: 'string', value: 'P2,P3', help: 'mute these severities only (default: all)' },
  yes: { type: 'boolean', help: 'confirm muting P0 of a prod environment' },
} as const satisfies OptionSpecs;

export const muteCliCommand = defineCommand<CliDeps, typeof muteOptions>({
  name: 'mute',
  summary: "mutes the deployed alarms' pages for a while (a one-time CloudWatch alarm mute rule)",
  usage: '--env NAME --for 45m --reason "..." [--severity P2,P3] [--yes]',
  options: muteOptions,
  async run({ values }, deps) {
    const config = environmentOf(deps.configDir, values.env);
    await muteCommand(config, values, muteDeps(config, deps));
    return 0;
  },
});

const unmuteOptions = {
  env: { type: 'string', value: 'NAME', help: 'the environment (config file name) to unmute' },
} as const satisfies OptionSpecs;

export const unmuteCliCommand = defineCommand<CliDeps, typeof unmuteOptions>({
  name: 'unmute',
  summary: 'deletes the mutes `mute` made that have not expired (maintenance windows stay)',
  usage: '--env NAME',
  options: unmuteOptions,
  async run({ values }, deps) {
    const config = environmentOf(deps.configDir, values.env);
    await unmuteCommand(config, muteDeps(config, deps));
    return 0;
  },
});
