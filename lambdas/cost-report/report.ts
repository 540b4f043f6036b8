/** Builds and sends the cost and free-tier report with injected clients. At most 3 Cost Explorer calls. */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { ReportSettings } from '../../lib/core/contracts/cost-report';
import { hasErrorName } from '../shared/errors';
import { readJsonParameter } from '../shared/ssm';
import { type DailyServiceCost, monthBounds, round, straightLineForecast, summarizeCosts } from './costs';
import type { CostTrigger } from './event';
import { findingsOf, unsent } from './findings';
import { mutesOfWeekLine } from './mutes';
import { type FreeTierUsage, freeTierUsage } from './usage';

export interface ReportDeps {
  readonly ce: CostExplorerClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sqs: SQSClient;
  readonly ssm: SSMClient;
  readonly sns: SNSClient;
  readonly now: () => Date;
}

export interface ReportOutcome {
  readonly published: boolean;
  readonly topic?: string;
  readonly lines: readonly string[];
  readonly costExplorerCalls: number;
  readonly skipped?: string;
}

/** Cost Explorer errors that mean "set something up", and what to set up. */
const CE_SETUP: Record<string, string> = {
  AccessDeniedException:
    'Cost Explorer denied access: activate IAM access to billing (account settings) and enable Cost Explorer; the report role needs ce:GetCostAndUsage and ce:GetCostForecast.',
  DataUnavailableException:
    'Cost Explorer has no data for this account yet: enable Cost Explorer in the Billing console; data appears within 24 hours.',
  BillingViewHealthStatusException: 'Cost Explorer billing data is not healthy yet; try again later.',
};

export async function runCostReport(
  trigger: CostTrigger,
  s: ReportSettings,
  deps: ReportDeps,
): Promise<ReportOutcome> {
  if (trigger.kind === 'ignored')
    return { published: false, lines: [], costExplorerCalls: 0, skipped: trigger.reason };
  const now = deps.now();
  const b = monthBounds(now);
  const lines: string[] = [];
  let calls = 0;
  let monthToDate: number | undefined;
  let forecast: number | undefined;

  try {
    calls++;
    const daily = await deps.ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: b.firstOfLastMonth, End: b.today },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        // Gross: credits make net cost read zero while they last.
        Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
      }),
    );
    const rows: DailyServiceCost[] = (daily.ResultsByTime ?? []).flatMap((t) =>
      (t.Groups ?? []).map((g) => ({
        date: t.TimePeriod?.Start ?? '',
        service: g.Keys?.[0] ?? 'unknown',
        usd: Number(g.Metrics?.UnblendedCost?.Amount ?? 0),
      })),
    );
    const summary = summarizeCosts(rows, now);
    monthToDate = summary.monthToDateGross;

    calls++;
    const byType = await deps.ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: b.firstOfMonth, End: b.today > b.firstOfMonth ? b.today : b.firstOfNextMonth },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        // Credits are attributed to services, so net is known per service in the same call.
        GroupBy: [
          { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
          { Type: 'DIMENSION', Key: 'SERVICE' },
        ],
      }),
    );
    const creditsByService = new Map<string, number>();
    for (const g of byType.ResultsByTime?.[0]?.Groups ?? []) {
      if (!['Credit', 'Refund'].includes(g.Keys?.[0] ?? '')) continue;
      const service = g.Keys?.[1] ?? 'unknown';
      creditsByService.set(
        service,
        (creditsByService.get(service) ?? 0) + Number(g.Metrics?.UnblendedCost?.Amount ?? 0),
      );
    }
    const credits = [...creditsByService.values()].reduce((a, c) => a + c, 0);

    let forecastSource: string;
    try {
      calls++;
      const f = await deps.ce.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: b.today, End: b.firstOfNextMonth },
          Metric: 'UNBLENDED_COST',
          Granularity: 'MONTHLY',
        }),
      );
      forecast = round(monthToDate + Number(f.Total?.Amount ?? 0));
      forecastSource = 'Cost Explorer forecast';
    } catch (error) {
      if (!hasErrorName(error, 'DataUnavailableException', 'ValidationException')) throw error;
      forecast = straightLineForecast(monthToDate, summary.daysElapsed, summary.daysInMonth);
      forecastSource = `straight line from ${summary.daysElapsed} day(s), Cost Explorer had no forecast`;
    }
    lines.push(
      `Month to date (${b.firstOfMonth} to yesterday): gross $${monthToDate.toFixed(2)}, net $${round(monthToDate + credits).toFixed(2)} (credits and refunds $${round(credits).toFixed(2)})`,
      `Top services (gross / net): ${
        summary.topServices
          .map(
            (t) =>
              `${t.service} $${t.usd.toFixed(2)} / $${round(t.usd + (creditsByService.get(t.service) ?? 0)).toFixed(2)}`,
          )
          .join(', ') || 'none'
      }`,
      `Forecast to month end: $${forecast.toFixed(2)} (${forecastSource}), ${Math.round((100 * forecast) / s.expectationUsd)}% of the expected $${s.expectationUsd.toFixed(2)}`,
      `Last month at the same day: $${summary.lastMonthSameDay.toFixed(2)}`,
    );
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const setup = CE_SETUP[name];
    if (!setup) throw error;
    lines.push(`Cost data unavailable (${name}). ${setup}`);
  }

  let usage: FreeTierUsage | undefined;
  try {
    usage = await freeTierUsage(deps.cloudwatch);
    const biggest = Math.max(0, ...usage.dashboards.map((d) => d.metrics));
    lines.push(
      `CloudWatch free tier in ${s.region}: alarm metrics ${usage.alarmMetrics.standard}/10 (+${usage.alarmMetrics.highResolution} high-resolution, ${usage.alarmMetrics.composite} composite), custom metrics ${usage.customMetrics}/10, dashboards ${usage.dashboards.length}/3 (largest ${biggest}/50 metrics)`,
    );
  } catch (error) {
    lines.push(`CloudWatch usage unavailable (${error instanceof Error ? error.name : 'error'})`);
  }

  lines.push(await mutesOfWeekLine(deps.cloudwatch, s.environment, now));

  const queue = await deps.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: s.deadLetterQueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const deadLetters =
    Number(queue.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(queue.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  lines.push(`Paging dead-letter queue: ${deadLetters} message(s) that never reached chat or a subscriber`);

  const findings = findingsOf({
    expectationUsd: s.expectationUsd,
    ...(forecast !== undefined ? { forecastUsd: forecast } : {}),
    ...(monthToDate !== undefined ? { monthToDateGross: monthToDate } : {}),
    ...(trigger.kind === 'anomaly' ? { anomalyImpactUsd: trigger.impactUsd } : {}),
    ...(usage
      ? {
          alarmMetrics: usage.alarmMetrics.standard,
          customMetrics: usage.customMetrics,
          dashboards: usage.dashboards.length,
        }
      : {}),
    deadLetters,
  });
  const state = (await readJsonParameter<Record<string, string>>(deps.ssm, s.stateParameter)) ?? {};
  const { fresh, nextState } = unsent(findings, state, now, s.repeatWindowHours);
  if (trigger.kind !== 'schedule' && fresh.length === 0) {
    return {
      published: false,
      lines,
      costExplorerCalls: calls,
      skipped: `every finding was already sent within ${s.repeatWindowHours} h`,
    };
  }
  if (findings.length > 0) {
    lines.push(
      `Findings: ${findings.map((f) => `${f.text}${fresh.includes(f) ? '' : ' (already sent)'}`).join('; ')}`,
    );
  }
  lines.push(
    `Data: Cost Explorer through ${previousDay(b.today)} (it lags up to 24 h); CloudWatch and SQS as of ${now.toISOString()}; ${calls} Cost Explorer call(s), $${(calls * 0.01).toFixed(2)}`,
  );
  const urgent = trigger.kind !== 'schedule' || fresh.some((f) => f.severity === 'P2');
  const topic = urgent ? s.topics.P2 : s.topics.P3;
  const why =
    trigger.kind === 'schedule'
      ? 'weekly'
      : trigger.kind === 'budget'
        ? `after ${trigger.subject}`
        : 'after a cost anomaly';
  await deps.sns.send(
    new PublishCommand({
      TopicArn: topic,
      Subject: `ops-stack ${s.environment} cost report`,
      Message: JSON.stringify({
        source: 'ops-stack.cost-report',
        severity: urgent ? 'P2' : 'P3',
        title: `Cost and free-tier report for ${s.environment} (${why})`,
        lines,
      }),
    }),
  );
  await deps.ssm.send(
    new PutParameterCommand({
      Name: s.stateParameter,
      Value: JSON.stringify(nextState),
      Overwrite: true,
      Type: 'String',
    }),
  );
  return { published: true, topic, lines, costExplorerCalls: calls };
}

function previousDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
