/**
 * `npm run ops -- mute` / `unmute`: a one-time alarm mute rule (an `at` expression) over the deployed
 * alarms of one environment, and its removal. The alarms keep evaluating; only their pages are muted.
 */
import {
  type CloudWatchClient,
  DeleteAlarmMuteRuleCommand,
  PutAlarmMuteRuleCommand,
  paginateDescribeAlarms,
  paginateListAlarmMuteRules,
} from '@aws-sdk/client-cloudwatch';
import {
  alarmNamePrefix,
  muteRuleName,
  muteRuleNameOfArn,
  muteRulePrefix,
  parseAlarmName,
} from '../../lib/core/catalog/naming';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import {
  atExpression,
  chunkAlarms,
  durationProblem,
  isoDuration,
  parseMinutes,
} from '../../lib/core/paging/mute-rules';
import { stackTags } from '../../lib/core/paging/tags';
import { isSeverity, SEVERITIES, type Severity } from '../../lib/core/severity/severities';
import { UsageError } from '../cli/errors';

export interface MuteDeps {
  readonly cloudwatch: CloudWatchClient;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly user: string;
}

export interface MuteOptions {
  /** `45m`, `2h`, `1h30m`. */
  readonly for?: string | undefined;
  readonly reason?: string | undefined;
  /** `P2,P3`. @default - every severity */
  readonly severity?: string | undefined;
  readonly yes: boolean;
}

/** What the CLI's own mutes are called: the weekly report and `unmute` find them by this prefix. */
export function cliMutePrefix(environment: string): string {
  return `${muteRulePrefix(environment)}cli-`;
}

/** Checks the options; returns what to mute, or throws a one-line usage error. */
export function parseMuteOptions(
  config: EnvironmentConfig,
  options: MuteOptions,
): { minutes: number; reason: string; severities: Severity[] } {
  const minutes = options.for === undefined ? undefined : parseMinutes(options.for);
  if (minutes === undefined)
    throw new UsageError(
      `--for is required: how long, such as 45m, 2h or 1h30m (got "${options.for ?? ''}")`,
    );
  const tooLong = durationProblem(minutes);
  if (tooLong) throw new UsageError(`--for: ${tooLong}`);
  const reason = options.reason?.trim() ?? '';
  if (reason.length === 0)
    throw new UsageError('--reason is required: why the pages may wait (shown to on-call)');
  const severities =
    options.severity === undefined ? [...SEVERITIES] : options.severity.split(',').map((s) => s.trim());
  const unknown = severities.filter((s) => !isSeverity(s));
  if (unknown.length > 0 || severities.length === 0)
    throw new UsageError(`--severity takes a list of ${SEVERITIES.join(', ')}, got "${options.severity}"`);
  const chosen = SEVERITIES.filter((s) => severities.includes(s));
  if (config.tier === 'prod' && chosen.includes('P0') && !options.yes) {
    throw new UsageError(
      `${config.name} is prod and this mutes P0 (service down): add --yes to confirm, or --severity P1,P2,P3`,
    );
  }
  return { minutes, reason, severities: chosen };
}

/** The deployed alarms of the environment at the given severities. */
async function deployedAlarms(
  config: EnvironmentConfig,
  severities: readonly Severity[],
  cloudwatch: CloudWatchClient,
): Promise<string[]> {
  const names: string[] = [];
  const pages = paginateDescribeAlarms(
    { client: cloudwatch },
    { AlarmNamePrefix: alarmNamePrefix(config.name), AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
  );
  for await (const page of pages) {
    for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
      const parsed = alarm.AlarmName ? parseAlarmName(alarm.AlarmName) : undefined;
      if (parsed?.environment === config.name && severities.includes(parsed.severity))
        names.push(alarm.AlarmName as string);
    }
  }
  return names.sort();
}

export async function muteCommand(
  config: EnvironmentConfig,
  options: MuteOptions,
  deps: MuteDeps,
): Promise<string[]> {
  const { minutes, reason, severities } = parseMuteOptions(config, options);
  const alarms = await deployedAlarms(config, severities, deps.cloudwatch);
  if (alarms.length === 0) {
    deps.log(
      `${config.name} (${config.region}) has no deployed ${severities.join(', ')} alarms: nothing muted`,
    );
    return [];
  }
  const { expression, startsAt } = atExpression(deps.now());
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  const stamp = expression.slice(3, -1).replace(/[-:]/g, '').toLowerCase();
  const chunks = chunkAlarms(alarms);
  const created: string[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const name = muteRuleName(config.name, `cli-${stamp}${chunks.length > 1 ? `-${index + 1}` : ''}`);
    await deps.cloudwatch.send(
      new PutAlarmMuteRuleCommand({
        Name: name,
        Description: `${reason} (${severities.join(', ')}; by ${deps.user} with npm run ops -- mute)`.slice(
          0,
          1024,
        ),
        Rule: { Schedule: { Expression: expression, Duration: isoDuration(minutes), Timezone: 'UTC' } },
        MuteTargets: { AlarmNames: chunk },
        // Expired rules stay listed, so the weekly report still sees the mute.
        ExpireDate: endsAt,
        Tags: Object.entries(stackTags(config.name)).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    created.push(name);
  }
  deps.log(
    `muted ${alarms.length} ${severities.join(', ')} alarm(s) of ${config.name} from ${startsAt.toISOString().slice(0, 16)}Z to ${endsAt.toISOString().slice(0, 16)}Z: ${created.join(', ')}`,
  );
  deps.log(`undo with: npm run ops -- unmute --env ${config.name}`);
  return created;
}

/** Deletes the CLI's mute rules of the environment that have not expired. */
export async function unmuteCommand(config: EnvironmentConfig, deps: MuteDeps): Promise<string[]> {
  const prefix = cliMutePrefix(config.name);
  const names: string[] = [];
  for await (const page of paginateListAlarmMuteRules(
    { client: deps.cloudwatch },
    { Statuses: ['SCHEDULED', 'ACTIVE'] },
  )) {
    for (const rule of page.AlarmMuteRuleSummaries ?? []) {
      const name = rule.AlarmMuteRuleArn ? muteRuleNameOfArn(rule.AlarmMuteRuleArn) : '';
      if (name.startsWith(prefix)) names.push(name);
    }
  }
  for (const name of names)
    await deps.cloudwatch.send(new DeleteAlarmMuteRuleCommand({ AlarmMuteRuleName: name }));
  deps.log(
    names.length === 0
      ? `${config.name} has no active mute from npm run ops -- mute; maintenance windows from config stay`
      : `unmuted ${config.name}: deleted ${names.join(', ')}`,
  );
  return names;
}
