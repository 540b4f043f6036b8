/**
 * This account's CloudWatch free-tier usage, counted with the same functions the synth-time guard
 * uses on templates: the SDK's alarm shape carries the same field names as CloudFormation's.
 */
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListMetricsCommand,
  type ListMetricsCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import {
  type AlarmMetricCount,
  addCounts,
  countAlarmMetrics,
  NO_ALARM_METRICS,
} from '../../lib/core/catalog/alarm-metrics';
import { countDashboardMetrics } from '../../lib/core/guard/dashboard-metrics';

export interface FreeTierUsage {
  readonly alarmMetrics: AlarmMetricCount;
  readonly customMetrics: number;
  readonly dashboards: readonly { readonly name: string; readonly metrics: number }[];
}

const MAX_PAGES = 20;

export async function freeTierUsage(cloudwatch: CloudWatchClient): Promise<FreeTierUsage> {
  let alarmMetrics = NO_ALARM_METRICS;
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        MaxRecords: 100,
        NextToken: token,
      }),
    );
    for (const alarm of out.MetricAlarms ?? []) {
      alarmMetrics = addCounts(
        alarmMetrics,
        countAlarmMetrics('AWS::CloudWatch::Alarm', alarm as Record<string, unknown>),
      );
    }
    for (const composite of out.CompositeAlarms ?? []) {
      alarmMetrics = addCounts(
        alarmMetrics,
        countAlarmMetrics('AWS::CloudWatch::CompositeAlarm', composite as Record<string, unknown>),
      );
    }
    token = out.NextToken;
  } while (token && ++pages < MAX_PAGES);

  const custom = new Set<string>();
  token = undefined;
  pages = 0;
  do {
    const out: ListMetricsCommandOutput = await cloudwatch.send(
      new ListMetricsCommand({ RecentlyActive: 'PT3H', NextToken: token }),
    );
    for (const m of out.Metrics ?? []) {
      if (m.Namespace && !m.Namespace.startsWith('AWS/')) {
        const dims = (m.Dimensions ?? [])
          .map((d: { Name?: string; Value?: string }) => `${d.Name}=${d.Value}`)
          .sort()
          .join(',');
        custom.add(`${m.Namespace}|${m.MetricName}|${dims}`);
      }
    }
    token = out.NextToken;
  } while (token && ++pages < MAX_PAGES);

  const list = await cloudwatch.send(new ListDashboardsCommand({}));
  const dashboards = [];
  for (const entry of list.DashboardEntries ?? []) {
    const name = entry.DashboardName ?? '';
    const body = await cloudwatch.send(new GetDashboardCommand({ DashboardName: name }));
    dashboards.push({ name, metrics: countDashboardMetrics(body.DashboardBody ?? '{"widgets":[]}') });
  }
  return { alarmMetrics, customMetrics: custom.size, dashboards };
}
