/**
 * Builds and sends the cost and free-tier report with injected clients. Without `costExplorer` it
 * makes no paid call: month to date from the AWS/Billing EstimatedCharges metric. With it, at most
 * COST_EXPLORER_CALLS_PER_RUN Cost Explorer requests.
 */
import { type CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import {
  BURST_WINDOW_MINUTES,
  COST_EXPLORER_CALLS_PER_RUN,
  type ReportSettings,
} from '../../lib/core/contracts/cost-report';
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
  /** CloudWatch in us-east-1, where the AWS/Billing metrics live. */
  readonly billing: CloudWatchClient;
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
  if (trigger.kind === 'ignored' || trigger.kind === 'refused')
    return { published: false, lines: [], costExplorerCalls: 0, skipped: trigger.reason };
  if (trigger.kind !== 'schedule') {
    const claimed = await claimBurst(deps.ssm, s.burstClaimPath, trigger.at, trigger.messageId);
    if (!claimed.won) {
      return {
        published: false,
        lines: [],
        costExplorerCalls: 0,
        skipped: `another notice of this burst already started a report (${claimed.name})`,
      };
    }
  }
  const now = deps.now();
  const b = monthBounds(now);
  const lines: string[] = [];
  let calls = 0;
  let monthToDate: number | undefined;
  let forecast: number | undefined;

  if (s.costExplorer) {
    const detail = await costExplorerLines(deps, s, now);
    calls = detail.calls;
    monthToDate = detail.monthToDate;
    forecast = detail.forecast;
    lines.push(...detail.lines);
  } else {
    const estimate = await estimatedChargesLines(deps.billing, s, now);
    monthToDate = estimate.monthToDate;
    forecast = estimate.forecast;
    lines.push(...estimate.lines);
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
    ...(trigger.kind === 'anomaly' && Number.isFinite(trigger.impactUsd)
      ? { anomalyImpactUsd: trigger.impactUsd }
      : {}),
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
    s.costExplorer
      ? `Data: Cost Explorer through ${previousDay(b.today)} (it lags up to 24 h); CloudWatch and SQS as of ${now.toISOString()}; ${calls} Cost Explorer call(s), $${(calls * 0.01).toFixed(2)}`
      : `Data: AWS/Billing EstimatedCharges (updated several times a day); CloudWatch and SQS as of ${now.toISOString()}; no Cost Explorer call ($0.00)`,
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

interface CostLines {
  readonly lines: string[];
  readonly monthToDate?: number;
  readonly forecast?: number;
}

/** Cost Explorer detail: COST_EXPLORER_CALLS_PER_RUN requests, each $0.01. */
async function costExplorerLines(
  deps: ReportDeps,
  s: ReportSettings,
  now: Date,
): Promise<CostLines & { readonly calls: number }> {
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

  if (calls > COST_EXPLORER_CALLS_PER_RUN) throw new Error(`made ${calls} Cost Explorer calls`);
  return {
    lines,
    calls,
    ...(monthToDate !== undefined ? { monthToDate } : {}),
    ...(forecast !== undefined ? { forecast } : {}),
  };
}

/**
 * The free path: the account's month-to-date estimate from the AWS/Billing EstimatedCharges metric
 * (us-east-1 only; net of credits) with one GetMetricStatistics request, inside CloudWatch's free
 * million API requests, and a straight-line forecast. The account budget alerts on AWS's forecast.
 */
async function estimatedChargesLines(
  billing: CloudWatchClient,
  s: ReportSettings,
  now: Date,
): Promise<CostLines> {
  const b = monthBounds(now);
  const out = await billing.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      StartTime: new Date(`${b.firstOfMonth}T00:00:00Z`),
      EndTime: now,
      Period: 21_600,
      Statistics: ['Maximum'],
    }),
  );
  const values = (out.Datapoints ?? []).map((d) => d.Maximum).filter((v): v is number => Number.isFinite(v));
  const off = `Cost Explorer detail is off (budget.costExplorer): services, credits and AWS's forecast would take ${COST_EXPLORER_CALLS_PER_RUN} requests ($${(COST_EXPLORER_CALLS_PER_RUN * 0.01).toFixed(2)}) per report`;
  if (values.length === 0) {
    return {
      lines: [
        'Month to date unavailable: AWS/Billing EstimatedCharges has no data this month (turn on "Receive CloudWatch billing alerts" in the Billing preferences; data appears within hours)',
        off,
      ],
    };
  }
  const monthToDate = round(Math.max(...values));
  const daysElapsed = b.dayOfMonth - 1;
  const forecast = straightLineForecast(monthToDate, daysElapsed, b.daysInMonth);
  return {
    monthToDate,
    forecast,
    lines: [
      `Month to date (AWS/Billing EstimatedCharges, net of credits): $${monthToDate.toFixed(2)}`,
      `Forecast to month end: $${forecast.toFixed(2)} (straight line from ${daysElapsed} day(s); the account budget alerts on AWS's own forecast), ${Math.round((100 * forecast) / s.expectationUsd)}% of the expected $${s.expectationUsd.toFixed(2)}`,
      off,
    ],
  };
}

/**
 * One report per burst of notices: the first to create the burst's parameter wins. PutParameter
 * with Overwrite false is atomic: "If the parameter already exists, ... ParameterAlreadyExists"
 * (SSM API reference), so concurrent invocations cannot both win, unlike read-then-write state.
 * Standard parameters are free; a burst leaves one small parameter behind.
 */
async function claimBurst(
  ssm: SSMClient,
  path: string,
  at: string,
  messageId: string,
): Promise<{ won: boolean; name: string }> {
  const time = Date.parse(at);
  const window = BURST_WINDOW_MINUTES * 60_000;
  const start = new Date(Math.floor((Number.isFinite(time) ? time : 0) / window) * window);
  const name = `${path}/${start.toISOString().slice(0, 16).replace(/[-:]/g, '')}`;
  try {
    await ssm.send(
      new PutParameterCommand({ Name: name, Value: messageId, Type: 'String', Overwrite: false }),
    );
    return { won: true, name };
  } catch (error) {
    if (hasErrorName(error, 'ParameterAlreadyExists')) return { won: false, name };
    throw error;
  }
}

function previousDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
