/**
 * The week's alarm mutes for the weekly report: maintenance windows, deploy quiet and `npm run ops --
 * mute`, read from CloudWatch alarm mute rules named for this environment.
 */
import {
  type CloudWatchClient,
  GetAlarmMuteRuleCommand,
  type GetAlarmMuteRuleOutput,
  paginateListAlarmMuteRules,
} from '@aws-sdk/client-cloudwatch';
import { muteRuleNameOfArn, muteRulePrefix } from '../../lib/core/catalog/naming';

const WEEK_MS = 7 * 24 * 3600_000;

/** Start of a one-time rule from its `at(yyyy-MM-ddThh:mm)` expression, read as UTC. */
function onceAt(expression: string): Date | undefined {
  const match = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2})\)$/.exec(expression);
  return match ? new Date(`${match[1]}:00Z`) : undefined;
}

/** Whether the rule muted, mutes or will mute within the week before `now` (or now). */
function ofTheWeek(rule: GetAlarmMuteRuleOutput, now: Date): boolean {
  if (rule.Status === 'ACTIVE') return true;
  if (rule.MuteType === 'RECURRING') return rule.Status !== 'EXPIRED';
  const start = onceAt(rule.Rule?.Schedule?.Expression ?? '');
  const times = [start, rule.ExpireDate, rule.LastUpdatedTimestamp].filter((d): d is Date => d !== undefined);
  return times.some((t) => t.getTime() > now.getTime() - WEEK_MS);
}

function describeRule(name: string, rule: GetAlarmMuteRuleOutput): string {
  const schedule = rule.Rule?.Schedule;
  const when = `${schedule?.Expression ?? '?'} ${schedule?.Timezone ?? 'UTC'} for ${schedule?.Duration ?? '?'}`;
  const alarms = rule.MuteTargets?.AlarmNames?.length ?? 0;
  return `${name} (${rule.Status?.toLowerCase() ?? 'unknown'}): ${when}, ${alarms} alarm(s)${rule.Description ? `: ${rule.Description}` : ''}`;
}

/** One report line listing the week's mutes of the environment. */
export async function mutesOfWeekLine(
  cloudwatch: CloudWatchClient,
  environment: string,
  now: Date,
): Promise<string> {
  try {
    const prefix = muteRulePrefix(environment);
    const names: string[] = [];
    for await (const page of paginateListAlarmMuteRules({ client: cloudwatch }, {})) {
      for (const summary of page.AlarmMuteRuleSummaries ?? []) {
        const name = summary.AlarmMuteRuleArn ? muteRuleNameOfArn(summary.AlarmMuteRuleArn) : '';
        if (name.startsWith(prefix)) names.push(name);
      }
    }
    const described: string[] = [];
    for (const name of names.sort()) {
      const rule = await cloudwatch.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: name }));
      if (rule && ofTheWeek(rule, now)) described.push(describeRule(name, rule));
    }
    return described.length === 0
      ? 'Alarm mutes this week: none'
      : `Alarm mutes this week (${described.length}): ${described.join('; ')}`;
  } catch (error) {
    return `Alarm mutes unavailable (${error instanceof Error ? error.name : 'error'})`;
  }
}
