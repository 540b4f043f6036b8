import { getMetricDataCost } from '../../../lib/core/replay/backtest/plan';
import { defineCommand, type OptionSpecs } from '../../cli/command';
import { UsageError } from '../../cli/errors';
import { type CliDeps, environmentOf } from '../deps';
import { type CallTally, REQUEST_PRICES, runDoctor } from '../doctor';

/** One line: every read-only call by how it is billed, and the most they cost. */
export function callSummary(calls: CallTally, costUsd: number, region: string): string {
  const total =
    calls.cloudwatchRequests +
    calls.getMetricDataRequests +
    calls.costExplorerRequests +
    calls.snsRequests +
    calls.otherRequests;
  return [
    `${total} read-only API calls, at most $${costUsd.toFixed(5)}:`,
    `${calls.cloudwatchRequests} CloudWatch requests ($${REQUEST_PRICES.cloudwatchPerThousand.toFixed(2)} per 1,000 beyond the free million),`,
    `${calls.getMetricDataRequests} GetMetricData for ${calls.getMetricDataMetrics} metrics ($${getMetricDataCost(1000, region).toFixed(2)} per 1,000 metrics),`,
    `${calls.costExplorerRequests} Cost Explorer ($${REQUEST_PRICES.costExplorerEach.toFixed(2)} each),`,
    `${calls.snsRequests} SNS ($${REQUEST_PRICES.snsPerMillion.toFixed(2)} per million beyond the free million),`,
    `${calls.otherRequests} CloudFormation/RDS/SSM/Logs (no request charge)`,
  ].join(' ');
}

const options = {
  env: { type: 'string', value: 'NAME', help: 'the deployed environment to check' },
} as const satisfies OptionSpecs;

export const doctorCommand = defineCommand<CliDeps, typeof options>({
  name: 'doctor',
  summary:
    'checks a deployed environment with read-only calls: alarms, metrics with data, subscriptions, SMS sandbox, Cost Explorer, recovery snapshot, backups, log retention, mutes',
  usage: '--env NAME',
  options,
  async run({ values }, deps) {
    const config = environmentOf(deps.configDir, values.env);
    if (!deps.doctor) throw new UsageError('doctor needs AWS clients');
    if (!config.account)
      throw new UsageError(`doctor needs the account id: set account in config/${config.name}.yaml`);
    const result = await runDoctor(config, config.account, deps.doctor(config.region), deps.now());
    for (const v of result.verdicts) deps.log(`${v.level}  ${v.line}`);
    const count = (level: string) => result.verdicts.filter((v) => v.level === level).length;
    const failed = count('FAIL');
    deps.log(
      `${result.verdicts.length} lines: ${count('PASS')} passed, ${failed} failed, ${count('WARN')} warnings`,
    );
    deps.log(callSummary(result.calls, result.costUsd, config.region));
    return failed > 0 ? 1 : 0;
  },
});
