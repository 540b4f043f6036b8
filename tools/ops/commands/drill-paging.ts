import { resolveCatalog } from '../../../lib/core/catalog/resolve';
import { SEVERITIES, type Severity } from '../../../lib/core/severity/severities';
import { defineCommand, type OptionSpecs } from '../../cli/command';
import { UsageError } from '../../cli/errors';
import { type CliDeps, environmentOf } from '../deps';
import { planPagingDrill, runPagingDrill } from '../paging-drill';

const options = {
  env: { type: 'string', value: 'NAME', help: 'the environment (config file name) to drill' },
  severity: { type: 'string', value: 'P0..P3', help: 'drill one severity only (default: all)' },
  'dry-run': { type: 'boolean', help: 'print the steps, change nothing' },
  yes: { type: 'boolean', help: 'confirm a drill in a prod environment (pages real people)' },
  hold: {
    type: 'string',
    value: 'SECONDS',
    default: '30',
    help: 'how long each alarm stays in ALARM, 0..600',
  },
} as const satisfies OptionSpecs;

export const drillPagingCommand = defineCommand<CliDeps, typeof options>({
  name: 'drill paging',
  summary: 'sets each paging alarm to ALARM and back, so every severity pages its people once',
  usage: '--env NAME [--severity P0..P3] [--dry-run] [--yes] [--hold SECONDS]',
  options,
  async run({ values }, deps) {
    if (!values.env) throw new UsageError('--env is required: the environment (config file name) to drill');
    const severity = values.severity;
    if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) {
      throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, got "${severity}"`);
    }
    const hold = Number(values.hold);
    if (!Number.isInteger(hold) || hold < 0 || hold > 600)
      throw new UsageError(`--hold must be 0..600 seconds, got "${values.hold}"`);
    const config = environmentOf(deps.configDir, values.env);
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
      { cloudwatch: deps.cloudwatch(config.region), now: deps.now, sleep: deps.sleep, log: deps.log },
    );
    return 0;
  },
});
