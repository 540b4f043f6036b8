/**
 * `npm run ops -- doctor --env NAME`: read-only checks of a deployed environment, one verdict a line.
 * Implemented checks: every alarm's metric has recent datapoints under the alarm's exact dimensions
 * (the app's contract metrics have none), no alarm sits in INSUFFICIENT_DATA for over an hour,
 * every paging topic has confirmed subscriptions (pending ones named).
 */
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  type Dimension,
  ListMetricsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { alarmNamePrefix, topicName } from '../../lib/core/catalog/naming';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { SEVERITIES } from '../../lib/core/severity/severities';

export interface DoctorClients {
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
}

export interface Verdict {
  readonly ok: boolean;
  readonly line: string;
}

export interface DoctorResult {
  readonly verdicts: Verdict[];
  /** Read-only API calls made (all free: CloudWatch DescribeAlarms/ListMetrics and SNS list calls). */
  readonly calls: number;
}

const HOUR_MS = 3_600_000;

function sameDimensions(a: readonly Dimension[] = [], b: readonly Dimension[] = []): boolean {
  const key = (d: readonly Dimension[]) =>
    d
      .map((x) => `${x.Name}=${x.Value}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

export async function runDoctor(
  config: EnvironmentConfig,
  account: string,
  clients: DoctorClients,
  now: Date,
): Promise<DoctorResult> {
  const verdicts: Verdict[] = [];
  let calls = 0;
  const alarms: MetricAlarm[] = [];
  let next: string | undefined;
  do {
    calls++;
    const out = await clients.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: alarmNamePrefix(config.name), NextToken: next }),
    );
    alarms.push(...(out.MetricAlarms ?? []));
    next = out.NextToken;
  } while (next);
  if (alarms.length === 0)
    verdicts.push({ ok: false, line: `no alarms named ${alarmNamePrefix(config.name)}*: deploy first` });
  for (const alarm of alarms) {
    if (!alarm.MetricName || !alarm.Namespace) continue; // metric-math alarms: their inputs are checked where alarmed singly
    calls++;
    // ListMetrics' RecentlyActive accepts only PT3H: metrics with datapoints in the past three hours.
    const out = await clients.cloudwatch.send(
      new ListMetricsCommand({
        Namespace: alarm.Namespace,
        MetricName: alarm.MetricName,
        Dimensions: (alarm.Dimensions ?? []).map((d) => ({ Name: d.Name, Value: d.Value })),
        RecentlyActive: 'PT3H',
      }),
    );
    const dims = (alarm.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(',') || 'no dimensions';
    const found = (out.Metrics ?? []).some((m) => sameDimensions(m.Dimensions, alarm.Dimensions));
    verdicts.push({
      ok: found,
      line: `${alarm.AlarmName}: ${alarm.Namespace} ${alarm.MetricName} (${dims}) ${found ? 'has recent datapoints' : 'has no datapoints in the last 3 hours: the alarm can never fire; check the name and dimensions the app publishes'}`,
    });
    const stale =
      alarm.StateValue === 'INSUFFICIENT_DATA' &&
      alarm.StateUpdatedTimestamp !== undefined &&
      now.getTime() - alarm.StateUpdatedTimestamp.getTime() > HOUR_MS;
    if (stale)
      verdicts.push({
        ok: false,
        line: `${alarm.AlarmName}: INSUFFICIENT_DATA since ${alarm.StateUpdatedTimestamp?.toISOString()} (over an hour)`,
      });
  }
  for (const severity of SEVERITIES) {
    const arn = `arn:aws:sns:${config.region}:${account}:${topicName(config.name, severity)}`;
    calls++;
    const out = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    const subs = out.Subscriptions ?? [];
    const pending = subs.filter((s) => s.SubscriptionArn === 'PendingConfirmation');
    const confirmed = subs.length - pending.length;
    verdicts.push({
      ok: confirmed > 0 && pending.length === 0,
      line: `topic ${topicName(config.name, severity)}: ${confirmed} confirmed${pending.length ? `, pending confirmation: ${pending.map((s) => `${s.Protocol} ${s.Endpoint}`).join(', ')}` : ''}${confirmed === 0 ? ' (nobody receives these pages)' : ''}`,
    });
  }
  return { verdicts, calls };
}
