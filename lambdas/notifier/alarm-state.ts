/** What CloudWatch says now about the environment's alarms: which are in ALARM, which are muted. */
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  ListAlarmMuteRulesCommand,
} from '@aws-sdk/client-cloudwatch';
import type { MuteInfo, OtherAlarm } from './format';

/**
 * The environment's other alarms in ALARM, in one DescribeAlarms call (up to 100; an incident
 * that trips more is summarized by the count anyway). Metric and composite alarms both: without
 * `AlarmTypes` only metric alarms are returned. Never fails the notification.
 */
export async function othersInAlarm(
  cloudwatch: CloudWatchClient,
  alarmNamePrefix: string,
  alarmName: string,
): Promise<readonly OtherAlarm[] | { unavailable: string }> {
  try {
    const out = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: alarmNamePrefix,
        StateValue: 'ALARM',
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        MaxRecords: 100,
      }),
    );
    return [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]
      .flatMap((a) =>
        a.AlarmName && a.AlarmName !== alarmName
          ? [{ name: a.AlarmName, at: a.StateUpdatedTimestamp?.getTime() ?? 0 }]
          : [],
      )
      .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
      .map(({ name, at }) => (at > 0 ? { name, since: new Date(at).toISOString() } : { name }));
  } catch (error) {
    return { unavailable: error instanceof Error ? error.name : 'error' };
  }
}

/**
 * The mute rules muting this alarm now: ListAlarmMuteRules filtered by alarm name and the ACTIVE
 * status ("ACTIVE: The mute rule is currently muting alarm actions"). `undefined` when none is.
 */
export async function activeMutes(
  cloudwatch: CloudWatchClient,
  alarmName: string,
): Promise<MuteInfo | undefined> {
  const out = await cloudwatch.send(
    new ListAlarmMuteRulesCommand({ AlarmName: alarmName, Statuses: ['ACTIVE'], MaxRecords: 100 }),
  );
  const rules = (out.AlarmMuteRuleSummaries ?? []).map((r) => ({
    // The summary carries the ARN only; the rule's name is its last part.
    name: r.AlarmMuteRuleArn?.split(':').pop() || 'unnamed rule',
    ...(r.ExpireDate ? { expires: r.ExpireDate.toISOString() } : {}),
  }));
  return rules.length > 0 ? { rules } : undefined;
}
