import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricStatisticsCommand,
  ListDashboardsCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { monthBounds, straightLineForecast, summarizeCosts } from '../../../lambdas/cost-report/costs';
import { parseCostTrigger } from '../../../lambdas/cost-report/event';
import { findingsOf, unsent } from '../../../lambdas/cost-report/findings';
import { runCostReport } from '../../../lambdas/cost-report/report';
import { COST_EXPLORER_CALLS_PER_RUN, type ReportSettings } from '../../../lib/core/contracts/cost-report';
import { freeTierReportOf } from '../../../lib/stacks/ops-app';
import { configFrom, synthStacks } from '../../helpers/synth';
import {
  ANOMALY_MESSAGE,
  alarmMessage,
  BUDGET_MESSAGE,
  BUDGET_SUBJECT,
  snsEvent,
} from '../notifier/fixtures';

const ce = mockClient(CostExplorerClient);
const cloudwatch = mockClient(CloudWatchClient);
const sqs = mockClient(SQSClient);
const ssm = mockClient(SSMClient);
const sns = mockClient(SNSClient);

const NOW = new Date('2026-11-22T00:05:00Z');
const settings: ReportSettings = {
  environment: 'example-prod',
  region: 'ap-northeast-2',
  expectationUsd: 300,
  topics: { P2: 'arn:p2', P3: 'arn:p3' },
  deadLetterQueueUrl: 'https://sqs/dlq',
  stateParameter: '/state',
  burstClaimPath: '/bursts',
  repeatWindowHours: 24,
  costExplorer: true,
};
const OWN = ['arn:p2', 'arn:p3'];
const deps = () => ({
  ce: new CostExplorerClient({ region: 'us-east-1' }),
  cloudwatch: new CloudWatchClient({}),
  billing: new CloudWatchClient({ region: 'us-east-1' }),
  sqs: new SQSClient({}),
  ssm: new SSMClient({}),
  sns: new SNSClient({}),
  now: () => NOW,
});

/** Recorded shape of GetCostAndUsage DAILY grouped by SERVICE (two services, $4 and $2 a day). */
function dailyCosts(from: string, days: number) {
  const start = Date.parse(`${from}T00:00:00Z`);
  return {
    ResultsByTime: Array.from({ length: days }, (_, i) => ({
      TimePeriod: {
        Start: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
        End: new Date(start + (i + 1) * 86_400_000).toISOString().slice(0, 10),
      },
      Groups: [
        {
          Keys: ['Amazon Relational Database Service'],
          Metrics: { UnblendedCost: { Amount: '4.0', Unit: 'USD' } },
        },
        { Keys: ['Amazon ElastiCache'], Metrics: { UnblendedCost: { Amount: '2.0', Unit: 'USD' } } },
      ],
    })),
  };
}
const awsError = (name: string) => Object.assign(new Error(name), { name });
const published = () => {
  const call = sns.commandCalls(PublishCommand)[0]?.args[0].input;
  return {
    topic: call?.TopicArn,
    body: JSON.parse(call?.Message ?? '{}') as { title: string; severity: string; lines: string[] },
  };
};

beforeEach(() => {
  for (const m of [ce, cloudwatch, sqs, ssm, sns]) m.reset();
  ce.on(GetCostAndUsageCommand, { Granularity: 'DAILY' }).resolves(dailyCosts('2026-10-01', 52));
  ce.on(GetCostAndUsageCommand, { Granularity: 'MONTHLY' }).resolves({
    ResultsByTime: [
      {
        Groups: [
          {
            Keys: ['Usage', 'Amazon Relational Database Service'],
            Metrics: { UnblendedCost: { Amount: '84' } },
          },
          { Keys: ['Usage', 'Amazon ElastiCache'], Metrics: { UnblendedCost: { Amount: '42' } } },
          {
            Keys: ['Credit', 'Amazon Relational Database Service'],
            Metrics: { UnblendedCost: { Amount: '-84' } },
          },
          { Keys: ['Credit', 'Amazon ElastiCache'], Metrics: { UnblendedCost: { Amount: '-16' } } },
        ],
      },
    ],
  });
  ce.on(GetCostForecastCommand).resolves({ Total: { Amount: '54.5', Unit: 'USD' } });
  cloudwatch
    .on(DescribeAlarmsCommand)
    .resolves({ MetricAlarms: [{ AlarmName: 'a', Period: 60 }], CompositeAlarms: [] });
  cloudwatch.on(ListMetricsCommand).resolves({
    Metrics: [
      { Namespace: 'Ticketing/prod', MetricName: 'QueueWaitingCount' },
      { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization' },
    ],
  });
  cloudwatch.on(ListDashboardsCommand).resolves({ DashboardEntries: [{ DashboardName: 'ops-prod-SLO' }] });
  cloudwatch.on(GetDashboardCommand).resolves({
    DashboardBody: '{"widgets":[{"type":"metric","properties":{"metrics":[["A","B"],["A","C"]]}}]}',
  });
  sqs.on(GetQueueAttributesCommand).resolves({
    Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
  });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{}' } });
});

describe('weekly cost report', () => {
  it('reports month to date by service, gross and net, forecast, last month, free tier and dead letters with 3 Cost Explorer calls', async () => {
    const out = await runCostReport({ kind: 'schedule' }, settings, deps());
    expect(out).toMatchObject({
      published: true,
      topic: 'arn:p3',
      costExplorerCalls: COST_EXPLORER_CALLS_PER_RUN,
    });
    expect(ce.calls()).toHaveLength(COST_EXPLORER_CALLS_PER_RUN);
    const { body } = published();
    expect(body.title).toBe('Cost and free-tier report for example-prod (weekly)');
    expect(body.lines).toEqual(
      expect.arrayContaining([
        'Month to date (2026-11-01 to yesterday): gross $126.00, net $26.00 (credits and refunds $-100.00)',
        'Top services (gross / net): Amazon Relational Database Service $84.00 / $0.00, Amazon ElastiCache $42.00 / $26.00',
        'Forecast to month end: $180.50 (Cost Explorer forecast), 60% of the expected $300.00',
        'Last month at the same day: $126.00',
        'CloudWatch free tier in ap-northeast-2: alarm metrics 1/10 (+0 high-resolution, 0 composite), custom metrics 1/10, dashboards 1/3 (largest 2/50 metrics)',
        'Paging dead-letter queue: 0 message(s) that never reached chat or a subscriber',
      ]),
    );
    const gross = ce.commandCalls(GetCostAndUsageCommand)[0]?.args[0].input;
    expect(gross?.Filter).toEqual({
      Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } },
    });
    // A weekly run claims no burst: it writes only the repeat-window state.
    expect(ssm.commandCalls(PutParameterCommand).map((c) => c.args[0].input.Name)).toEqual(['/state']);
  });

  it('falls back to a straight line when Cost Explorer has no forecast, and says so', async () => {
    ce.on(GetCostForecastCommand).rejects(awsError('DataUnavailableException'));
    await runCostReport({ kind: 'schedule' }, settings, deps());
    expect(published().body.lines).toContain(
      'Forecast to month end: $180.00 (straight line from 21 day(s), Cost Explorer had no forecast), 60% of the expected $300.00',
    );
  });

  it.each([
    ['DataUnavailableException', 'enable Cost Explorer in the Billing console'],
    ['AccessDeniedException', 'activate IAM access to billing (account settings) and enable Cost Explorer'],
  ])('%s: the report still goes out and says what to enable', async (name, advice) => {
    ce.on(GetCostAndUsageCommand).rejects(awsError(name));
    const out = await runCostReport({ kind: 'schedule' }, settings, deps());
    expect(out.costExplorerCalls).toBe(1);
    expect(published().body.lines.join('\n')).toContain(`Cost data unavailable (${name}). `);
    expect(published().body.lines.join('\n')).toContain(advice);
  });

  it('throws an error it cannot classify, so retries and alarms see it', async () => {
    ce.on(GetCostAndUsageCommand).rejects(awsError('InternalServerError'));
    await expect(runCostReport({ kind: 'schedule' }, settings, deps())).rejects.toThrowError(
      'InternalServerError',
    );
    expect(sns.calls()).toHaveLength(0);
  });

  it('a forecast over the expectation goes to P2 as a finding', async () => {
    ce.on(GetCostForecastCommand).resolves({ Total: { Amount: '300' } });
    await runCostReport({ kind: 'schedule' }, settings, deps());
    expect(published().topic).toBe('arn:p2');
    expect(published().body.lines.at(-2)).toBe('Findings: forecast $426.00 is 142% of the expected $300.00');
  });
});

describe('the free report (budget.costExplorer off)', () => {
  const free = { ...settings, costExplorer: false };

  it('reads EstimatedCharges with one GetMetricStatistics request, makes no Cost Explorer call and says what detail would cost', async () => {
    cloudwatch.on(GetMetricStatisticsCommand).resolves({
      Datapoints: [{ Maximum: 40.5 }, { Maximum: 63 }, { Maximum: Number.NaN }],
    });
    const out = await runCostReport({ kind: 'schedule' }, free, deps());
    expect(out).toMatchObject({ published: true, costExplorerCalls: 0 });
    expect(ce.calls()).toHaveLength(0);
    const input = cloudwatch.commandCalls(GetMetricStatisticsCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      StartTime: new Date('2026-11-01T00:00:00Z'),
    });
    expect(published().body.lines).toEqual(
      expect.arrayContaining([
        'Month to date (AWS/Billing EstimatedCharges, net of credits): $63.00',
        "Forecast to month end: $90.00 (straight line from 21 day(s); the account budget alerts on AWS's own forecast), 30% of the expected $300.00",
        "Cost Explorer detail is off (budget.costExplorer): services, credits and AWS's forecast would take 3 requests ($0.03) per report",
      ]),
    );
    expect(published().body.lines.at(-1)).toMatch(/no Cost Explorer call \(\$0\.00\)$/);
  });

  it('without billing data it says how to turn the metric on, and still reports', async () => {
    cloudwatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    await runCostReport({ kind: 'schedule' }, free, deps());
    expect(published().body.lines[0]).toMatch(
      /^Month to date unavailable: .*Receive CloudWatch billing alerts/,
    );
    expect(ce.calls()).toHaveLength(0);
  });
});

describe('triggered reports and the repeat window', () => {
  it('an anomaly notification sends a P2 report once, not again within the window', async () => {
    const trigger = parseCostTrigger(snsEvent(ANOMALY_MESSAGE, 'arn:p2'), OWN);
    expect(trigger).toEqual({
      kind: 'anomaly',
      impactUsd: 58.3,
      services: ['Amazon Relational Database Service'],
      messageId: 'm-1',
      at: '2026-11-22T10:03:11.000Z',
    });
    const first = await runCostReport(trigger, settings, deps());
    expect(first).toMatchObject({ published: true, topic: 'arn:p2' });
    const state = ssm.commandCalls(PutParameterCommand, { Name: '/state' })[0]?.args[0].input.Value ?? '{}';
    sns.reset();
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: state } });
    const later = { ...trigger, at: '2026-11-22T11:03:11.000Z' };
    const second = await runCostReport(later, settings, {
      ...deps(),
      now: () => new Date(NOW.getTime() + 3600_000),
    });
    expect(second).toMatchObject({ published: false, skipped: 'every finding was already sent within 24 h' });
    expect(sns.calls()).toHaveLength(0);
  });

  it('a budget notification triggers a report; an alarm on the same topic is ignored without any call', async () => {
    expect(parseCostTrigger(snsEvent(BUDGET_MESSAGE, 'arn:p3', BUDGET_SUBJECT), OWN)).toEqual({
      kind: 'budget',
      subject: BUDGET_SUBJECT,
      messageId: 'm-1',
      at: '2026-11-22T10:03:11.000Z',
    });
    const ignored = parseCostTrigger(snsEvent(alarmMessage(), 'arn:p2'), OWN);
    const out = await runCostReport(ignored, settings, deps());
    expect(out).toMatchObject({
      published: false,
      costExplorerCalls: 0,
      skipped: 'not a cost notification (alarm)',
    });
    expect(ce.calls()).toHaveLength(0);
  });

  it('rejects a malformed trigger with a clear error and no Cost Explorer call', () => {
    expect(() => parseCostTrigger({ hello: 1 }, OWN)).toThrowError(
      'expected the schedule\'s {"kind":"ops-stack.cost-report"} or an SNS event, got {"hello":1}',
    );
    expect(() =>
      parseCostTrigger({ Records: [{ EventSource: 'aws:sns', Sns: { Message: '' } }] }, OWN),
    ).toThrowError(/Sns\.TopicArn/);
    expect(ce.calls()).toHaveLength(0);
  });
});

describe('only its own topics, one report per burst, no malformed amounts (issue 13 item 5)', () => {
  const allMocks = () => [ce, cloudwatch, sqs, ssm, sns].reduce((n, m) => n + m.calls().length, 0);

  it('a budget message from a topic that is not ours is ignored without any AWS call', async () => {
    const trigger = parseCostTrigger(
      snsEvent(BUDGET_MESSAGE, 'arn:aws:sns:ap-northeast-2:333333333333:someone-elses', BUDGET_SUBJECT),
      OWN,
    );
    expect(trigger).toEqual({
      kind: 'ignored',
      reason:
        "message from a topic that is not the report's (arn:aws:sns:ap-northeast-2:333333333333:someone-elses)",
    });
    expect(await runCostReport(trigger, settings, deps())).toMatchObject({ published: false });
    expect(allMocks()).toBe(0);
  });

  it('three budget notices of one burst make one report: the first atomic claim wins', async () => {
    // A forecast over the expectation: a finding each notice would send.
    ce.on(GetCostForecastCommand).resolves({ Total: { Amount: '300' } });
    const alreadyExists = Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' });
    ssm
      .on(PutParameterCommand, { Name: '/bursts/20261122T1000', Overwrite: false })
      .resolvesOnce({ Version: 1 })
      .rejects(alreadyExists);
    const notice = (id: string, at: string) => {
      const event = snsEvent(BUDGET_MESSAGE, 'arn:p3', BUDGET_SUBJECT) as {
        Records: { Sns: { MessageId: string; Timestamp: string } }[];
      };
      const sns0 = event.Records[0]?.Sns;
      if (sns0) Object.assign(sns0, { MessageId: id, Timestamp: at });
      return parseCostTrigger(event, OWN);
    };
    const outcomes = await Promise.all([
      runCostReport(notice('b-1', '2026-11-22T10:03:11.000Z'), settings, deps()),
      runCostReport(notice('b-2', '2026-11-22T10:03:12.000Z'), settings, deps()),
      runCostReport(notice('b-3', '2026-11-22T10:07:40.000Z'), settings, deps()),
    ]);
    expect(outcomes.filter((o) => o.published)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.published).map((o) => o.skipped)).toEqual([
      'another notice of this burst already started a report (/bursts/20261122T1000)',
      'another notice of this burst already started a report (/bursts/20261122T1000)',
    ]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(ce.commandCalls(GetCostAndUsageCommand).length).toBeLessThanOrEqual(2);
  });

  it.each([
    ['a string', '"fifty"'],
    ['an overflowing number', '1e999'],
    ['a negative number', '-5'],
    ['nothing', 'null'],
  ])('an anomaly impact that is %s is refused with no AWS call', async (_what, impact) => {
    const message = ANOMALY_MESSAGE.replace(/"totalImpact":\s*[0-9.]+/, `"totalImpact": ${impact}`);
    expect(message).not.toBe(ANOMALY_MESSAGE);
    const trigger = parseCostTrigger(snsEvent(message, 'arn:p2'), OWN);
    expect(trigger.kind).toBe('refused');
    expect((trigger as { reason: string }).reason).toMatch(/totalImpact/);
    const out = await runCostReport(trigger, settings, deps());
    expect(out).toMatchObject({ published: false, costExplorerCalls: 0 });
    expect(allMocks()).toBe(0);
  });
});

describe('free-tier usage agrees with the synth-time guard', () => {
  it('counts the deployed example-prod alarms exactly as the guard counts the template', async () => {
    const { app, stacks } = synthStacks([configFrom('example-prod')]);
    const template = Template.fromStack(stacks[0] as never).toJSON() as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const metricAlarms = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties);
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: metricAlarms as never });
    await runCostReport({ kind: 'schedule' }, settings, deps());
    const guard = freeTierReportOf(app.synth().stacksRecursively).accounts.find(
      (a) => a.account === '222222222222',
    );
    expect(guard?.alarmMetrics.standard).toBe(10);
    expect(published().body.lines.join('\n')).toContain(`alarm metrics ${guard?.alarmMetrics.standard}/10`);
  });
});

describe('cost arithmetic', () => {
  it('month bounds, straight line and the same-day comparison', () => {
    expect(monthBounds(new Date('2026-03-01T10:00:00Z'))).toMatchObject({
      firstOfMonth: '2026-03-01',
      firstOfLastMonth: '2026-02-01',
      firstOfNextMonth: '2026-04-01',
      daysInMonth: 31,
    });
    expect(straightLineForecast(100, 10, 30)).toBe(300);
    expect(straightLineForecast(0, 0, 30)).toBe(0);
    const s = summarizeCosts(
      [
        { date: '2026-10-05', service: 'x', usd: 1 },
        { date: '2026-10-25', service: 'x', usd: 7 },
        { date: '2026-11-02', service: 'x', usd: 2 },
      ],
      NOW,
    );
    expect(s).toMatchObject({ monthToDateGross: 2, lastMonthSameDay: 1, daysElapsed: 21 });
  });

  it('findings and the repeat window', () => {
    const findings = findingsOf({
      expectationUsd: 100,
      forecastUsd: 150,
      monthToDateGross: 85,
      deadLetters: 2,
    });
    expect(findings.map((f) => f.key)).toEqual(['forecast-over:150', 'actual-over:80', 'dead-letters']);
    const first = unsent(findings, {}, NOW, 24);
    expect(first.fresh).toHaveLength(3);
    const later = unsent(findings, first.nextState, new Date(NOW.getTime() + 25 * 3600_000), 24);
    expect(later.fresh).toHaveLength(3);
    expect(unsent(findings, first.nextState, new Date(NOW.getTime() + 3600_000), 24).fresh).toHaveLength(0);
  });
});
