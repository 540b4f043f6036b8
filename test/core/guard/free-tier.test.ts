import { describe, expect, it } from 'vitest';
import { countAlarmMetrics } from '../../../lib/core/catalog/alarm-metrics';
import { countDashboardMetrics, dashboardBodyText } from '../../../lib/core/guard/dashboard-metrics';
import type { EnvironmentFacts } from '../../../lib/core/guard/facts';
import { analyzeFreeTier, type TemplateInput } from '../../../lib/core/guard/free-tier';
import { formatFreeTierReport } from '../../../lib/core/guard/report-table';
import { invocationsPerMonth } from '../../../lib/core/guard/schedules';

const stat = (id: string, period = 60) => ({
  Id: id,
  ReturnData: false,
  MetricStat: { Metric: { Namespace: 'AWS/RDS', MetricName: id }, Period: period, Stat: 'Average' },
});
const simpleAlarm = (name: string, period = 60) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: { AlarmName: name, Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Period: period },
});
const mathAlarm = (name: string, ids: string[]) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmName: name,
    Metrics: [{ Id: 'e', Expression: ids.join('+'), ReturnData: true }, ...ids.map((i) => stat(i))],
  },
});
const dashboard = (metrics: number) => ({
  Type: 'AWS::CloudWatch::Dashboard',
  Properties: {
    DashboardBody: {
      'Fn::Join': [
        '',
        [
          '{"widgets":[{"type":"metric","properties":{"region":"',
          { Ref: 'AWS::Region' },
          `","metrics":${JSON.stringify([
            [{ expression: 'm0*2', label: 'x' }],
            ...Array.from({ length: metrics }, (_, i) => ['AWS/RDS', `M${i}`, { id: `m${i}` }]),
          ])}}}]}`,
        ],
      ],
    },
  },
});
const facts = (
  environment: string,
  account: string,
  profile: 'free' | 'standard' = 'free',
  metrics = 0,
): EnvironmentFacts => ({
  environment,
  account,
  region: 'ap-northeast-2',
  profile,
  customMetrics: Array.from({ length: metrics }, (_, i) => ({
    namespace: `Ticketing/${environment}`,
    name: `Metric${i}`,
    dimensions: {},
    source: 'application' as const,
  })),
});
const stack = (name: string, f: EnvironmentFacts, resources: Record<string, unknown>): TemplateInput => ({
  stackName: name,
  template: {
    Metadata: { OpsStack: f },
    Resources: resources as NonNullable<TemplateInput['template']['Resources']>,
  },
});

describe('alarm metric counting (CloudWatch billing rules)', () => {
  it('counts one per standard metric alarm and one per MetricStat of a math alarm', () => {
    expect(countAlarmMetrics('AWS::CloudWatch::Alarm', simpleAlarm('a').Properties)).toMatchObject({
      standard: 1,
    });
    expect(
      countAlarmMetrics('AWS::CloudWatch::Alarm', mathAlarm('m', ['a', 'b', 'c']).Properties),
    ).toMatchObject({
      standard: 3,
      highResolution: 0,
    });
  });

  it('a period under 60 s is high resolution, with no free tier', () => {
    expect(countAlarmMetrics('AWS::CloudWatch::Alarm', simpleAlarm('h', 10).Properties)).toMatchObject({
      standard: 0,
      highResolution: 1,
    });
    const mixed = { Metrics: [stat('a', 30), stat('b', 60)] };
    expect(countAlarmMetrics('AWS::CloudWatch::Alarm', mixed)).toMatchObject({
      standard: 1,
      highResolution: 1,
    });
  });

  it('an anomaly detection alarm counts three per metric', () => {
    const props = {
      ThresholdMetricId: 'band',
      Metrics: [stat('m1'), { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)', ReturnData: true }],
    };
    expect(countAlarmMetrics('AWS::CloudWatch::Alarm', props)).toMatchObject({
      standard: 3,
      anomalyDetectionAlarms: 1,
    });
  });

  it('a composite alarm is billed as one composite, no alarm metrics', () => {
    expect(countAlarmMetrics('AWS::CloudWatch::CompositeAlarm', { AlarmRule: 'ALARM(a)' })).toEqual({
      standard: 0,
      highResolution: 0,
      anomalyDetectionAlarms: 0,
      composite: 1,
    });
    expect(countAlarmMetrics('AWS::SNS::Topic', {})).toMatchObject({ standard: 0, composite: 0 });
  });
});

describe('dashboard metric counting', () => {
  it('counts metric lines (hidden expression inputs too) but not expressions, across Fn::Join tokens', () => {
    const body = dashboardBodyText(dashboard(51).Properties.DashboardBody);
    expect(countDashboardMetrics(body)).toBe(51);
  });
});

describe('schedule frequency', () => {
  it.each([
    ['rate(1 minute)', 43_800],
    ['rate(5 minutes)', 8760],
    ['rate(1 hour)', 730],
    ['cron(0 9 ? * MON *)', 4],
    ['cron(0/15 * * * ? *)', 2920],
    ['cron(0 0 1 * ? *)', 1],
  ])('%s fires about %i times a month', (expression, expected) => {
    expect(invocationsPerMonth(expression)).toBe(expected);
  });

  it('rejects an expression it cannot read', () => {
    expect(() => invocationsPerMonth('every minute')).toThrowError(
      /cannot read schedule expression "every minute"/,
    );
  });
});

describe('free-tier guard over templates', () => {
  it('passes an account within every allowance and estimates $0.00', () => {
    const report = analyzeFreeTier([
      stack('A', facts('prod', '222222222222', 'free', 9), {
        A1: simpleAlarm('ops-prod-P0-a'),
        A2: mathAlarm('ops-prod-P1-b', ['x', 'y']),
        D1: dashboard(50),
        L1: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 1 } },
      }),
    ]);
    expect(report.ok).toBe(true);
    expect(report.accounts[0]).toMatchObject({
      monthlyUsd: 0,
      violations: [],
      alarmMetrics: { standard: 3 },
    });
  });

  it('shares the allowance between two environments in one account and says what to drop', () => {
    const six = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`A${i}`, simpleAlarm(`ops-dev-P${i % 4}-s${i}`)]),
    );
    const report = analyzeFreeTier([
      stack('Dev', facts('dev', '111111111111'), six),
      stack('Staging', facts('staging', '111111111111'), six),
    ]);
    expect(report.ok).toBe(false);
    const account = report.accounts[0];
    expect(account?.environments).toEqual(['dev', 'staging']);
    expect(account?.violations).toContain('12 standard alarm metrics, the free tier has 10');
    expect(account?.cost.find((c) => c.item === 'standard alarm metrics')?.monthlyUsd).toBe(0.2);
    expect(account?.dropCandidates[0]?.what).toMatch(/-P3-/);
    const text = formatFreeTierReport(report);
    expect(text).toContain('What to drop (lowest severity first');
    expect(text).toContain('FREE TIER EXCEEDED');
  });

  it('flags high-resolution and composite alarms, a 51-metric dashboard, a fourth dashboard and endless logs', () => {
    const report = analyzeFreeTier([
      stack('A', facts('prod', '222222222222', 'free', 11), {
        H: simpleAlarm('ops-prod-P1-h', 10),
        C: {
          Type: 'AWS::CloudWatch::CompositeAlarm',
          Properties: { AlarmName: 'ops-prod-P1-c', AlarmRule: 'x' },
        },
        D1: dashboard(51),
        D2: dashboard(1),
        D3: dashboard(1),
        D4: dashboard(1),
        L: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      }),
    ]);
    const v = report.accounts[0]?.violations ?? [];
    expect(v).toEqual(
      expect.arrayContaining([
        '1 high-resolution alarm metrics have no free tier',
        '1 composite alarms have no free tier',
        '11 custom metrics, the free tier has 10',
        '4 dashboards, the free tier has 3',
        'dashboard A/D1 shows 51 metrics, the free tier allows 50',
        'log group A/L keeps logs forever (set a retention)',
      ]),
    );
    expect(report.accounts[0]?.monthlyUsd).toBe(0.3 + 0.5 + 0.3 + 3);
  });

  it('flags a function whose implicit log group would never expire, unless a LogRetention covers it', () => {
    const fn = { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 128 } };
    const bare = analyzeFreeTier([stack('A', facts('prod', '222222222222'), { Fn: fn })]);
    expect(bare.accounts[0]?.violations).toContain(
      'log group A/Fn (implicit /aws/lambda log group) keeps logs forever (set a retention)',
    );
    const covered = analyzeFreeTier([
      stack('A', facts('prod', '222222222222'), {
        Fn: fn,
        R: {
          Type: 'Custom::LogRetention',
          Properties: {
            LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Fn' }]] },
            RetentionInDays: 7,
          },
        },
      }),
    ]);
    expect(covered.ok).toBe(true);
    const explicit = analyzeFreeTier([
      stack('A', facts('prod', '222222222222'), {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { LoggingConfig: { LogGroup: { Ref: 'L' } } } },
      }),
    ]);
    expect(explicit.ok).toBe(true);
  });

  it('reports but does not enforce an account with a standard-profile environment', () => {
    const alarms = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`A${i}`, simpleAlarm(`a${i}`)]));
    const report = analyzeFreeTier([stack('P', facts('prod', '222222222222', 'standard'), alarms)]);
    expect(report.ok).toBe(true);
    expect(report.accounts[0]).toMatchObject({ enforced: false, monthlyUsd: 0.2 });
  });

  it('counts scheduled Lambda use at its timeout and memory', () => {
    const report = analyzeFreeTier([
      stack('A', facts('prod', '222222222222'), {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 1024, Timeout: 10 } },
        S: {
          Type: 'AWS::Scheduler::Schedule',
          Properties: {
            ScheduleExpression: 'rate(1 minute)',
            Target: { Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
          },
        },
      }),
    ]);
    const cost = report.accounts[0]?.cost ?? [];
    expect(cost.find((c) => c.item.startsWith('Lambda requests'))?.quantity).toBe(43_800);
    expect(cost.find((c) => c.item.startsWith('Lambda GB-seconds'))?.quantity).toBe(438_000);
    expect(report.ok).toBe(false);
    expect(report.accounts[0]?.violations.some((v) => v.startsWith('Lambda GB-seconds'))).toBe(true);
  });
});

describe('Cost Explorer requests of the cost report', () => {
  const budget = {
    Type: 'AWS::Budgets::Budget',
    Properties: { NotificationsWithSubscribers: [{}, {}, {}] },
  };
  const withReport = (schedule: string, costExplorer: boolean, profile: 'free' | 'standard' = 'free') => ({
    ...facts('prod', '222222222222', profile),
    costReport: { schedule, costExplorer, costExplorerCallsPerRun: 3, anomalyAlertsPerMonth: 2 },
  });
  const ceLine = (r: ReturnType<typeof analyzeFreeTier>) =>
    r.accounts[0]?.cost.find((c) => c.item === 'Cost Explorer API requests');

  it('off by default: no request, $0.00, and the note says what turning it on would cost', () => {
    const report = analyzeFreeTier([stack('A', withReport('cron(0 0 ? * MON *)', false), { B: budget })]);
    expect(ceLine(report)).toMatchObject({ quantity: 0, monthlyUsd: 0 });
    // 4 weekly runs + 3 budget notifications + 2 assumed anomaly alerts, 3 requests each at $0.01.
    expect(ceLine(report)?.note).toBe(
      '9 report runs a month; budget.costExplorer on everywhere: 27 requests, $0.27/month',
    );
    expect(report.ok).toBe(true);
  });

  it('on in the free profile: priced to the cent and refused, naming the key', () => {
    const report = analyzeFreeTier([stack('A', withReport('cron(0 0 ? * MON *)', true), { B: budget })]);
    expect(ceLine(report)).toMatchObject({ quantity: 27, monthlyUsd: 0.27 });
    expect(report.ok).toBe(false);
    expect(report.accounts[0]?.violations).toContain(
      'Cost Explorer API requests: 27 exceeds the free 0 ($0.27/month); Cost Explorer has no free requests: set budget.costExplorer: false (the report then reads EstimatedCharges for free) or use the standard profile',
    );
  });

  it('rate(10 minutes) is priced at its real cost: $131.55 a month with Cost Explorer on', () => {
    // 43,800 minutes / 10 = 4,380 runs + 3 + 2 = 4,385 runs x 3 requests = 13,155 x $0.01.
    const on = analyzeFreeTier([stack('A', withReport('rate(10 minutes)', true, 'standard'), { B: budget })]);
    expect(ceLine(on)).toMatchObject({ quantity: 13_155, monthlyUsd: 131.55 });
    const off = analyzeFreeTier([stack('A', withReport('rate(10 minutes)', false), { B: budget })]);
    expect(ceLine(off)).toMatchObject({ quantity: 0, monthlyUsd: 0 });
    expect(formatFreeTierReport(off)).toContain(
      'Cost Explorer API requests: 4,385 report runs a month; budget.costExplorer on everywhere: 13,155 requests, $131.55/month',
    );
  });
});

describe('Step Functions transitions', () => {
  it('are priced as transitions per run x runs a month, over the 4,000 free, at the Seoul price', () => {
    const workflow = (runsPerMonth: number) => ({
      ...facts('prod', '222222222222', 'standard'),
      workflows: [{ name: 'db-recovery', transitionsPerRun: 123, runsPerMonth }],
    });
    const line = (runs: number) =>
      analyzeFreeTier([stack('A', workflow(runs), {})]).accounts[0]?.cost.find(
        (c) => c.item === 'Step Functions transitions',
      );
    expect(line(2)).toMatchObject({
      quantity: 246,
      monthlyUsd: 0,
      note: 'prod db-recovery 123 per run x 2 runs (runs assumed, transitions measured by the drill)',
    });
    // 123 x 40 = 4,920: 920 over the free 4,000 at $0.0271 per 1,000 = $0.02.
    expect(line(40)).toMatchObject({ quantity: 4920, monthlyUsd: 0.02, unitPriceUsd: 0.0271 / 1000 });
  });
});

describe('CloudWatch Logs: our functions and the app, one free 5 GB pool', () => {
  const fn = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'ops-stack-health-probe' } },
      LoggingConfig: { LogGroup: { Ref: 'L' } },
    },
  };
  const resources = {
    Fn: fn,
    L: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
    S: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: { ScheduleExpression: 'rate(1 minute)', Target: { Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    },
    R: { Type: 'Custom::LogRetention', Properties: { LogGroupName: '/app', RetentionInDays: 1 } },
  };
  const withLogs = (appGb?: number, profile: 'free' | 'standard' = 'free'): EnvironmentFacts => ({
    ...facts('prod', '222222222222', profile),
    functionLogs: { 'health-probe': { bytesPerInvocation: 1000, eventInvocationsPerMonth: 200 } },
    ...(appGb === undefined ? {} : { appLogIngestGbPerMonth: appGb }),
  });
  const lines = (f: EnvironmentFacts) =>
    Object.fromEntries(
      (analyzeFreeTier([stack('A', f, resources)]).accounts[0]?.cost ?? [])
        .filter((c) => c.item.startsWith('Logs'))
        .map((c) => [c.item, c]),
    );

  it('our functions: bytes per invocation x (scheduled + event) invocations, stored for their retention', () => {
    // (43,800 + 200) x 1,000 bytes = 0.044 GB; 7 of 30.42 days stored.
    const l = lines(withLogs(0));
    expect(l['Logs ingestion, our functions (GB)']).toMatchObject({ quantity: 0.044, monthlyUsd: 0 });
    expect(l['Logs storage (GB-month)']?.quantity).toBe(0.01);
  });

  it('an app volume over the pool is priced at the Seoul ingestion price and refused in free', () => {
    const l = lines(withLogs(6));
    // 5 GB free: 0.044 to our functions, 4.956 to the app, 1.044 GB over at $0.76.
    expect(l['Logs ingestion, app log groups (GB)']).toMatchObject({
      quantity: 6,
      free: 4.956,
      monthlyUsd: 0.79,
    });
    expect(l['Logs storage (GB-month)']).toMatchObject({ free: 0, monthlyUsd: 0.01 });
    const report = analyzeFreeTier([stack('A', withLogs(6), resources)]);
    expect(report.accounts[0]?.violations).toContain(
      'Logs ingestion, app log groups (GB): 6 exceeds the free 4.956 ($0.79/month)',
    );
  });

  it('without app.logIngestGbPerMonth the app gets the rest of the budget, storage included: $0.00', () => {
    const l = lines(withLogs());
    const app = l['Logs ingestion, app log groups (GB)'];
    const storage = l['Logs storage (GB-month)'];
    expect(app?.quantity).toBeGreaterThan(4.7);
    expect(app?.note).toContain('(default: rest of the 5 GB budget)');
    const total =
      (l['Logs ingestion, our functions (GB)']?.quantity ?? 0) +
      (app?.quantity ?? 0) +
      (storage?.quantity ?? 0);
    expect(total).toBeLessThanOrEqual(5);
    expect(total).toBeGreaterThan(4.99);
    expect(Object.values(l).every((c) => c.monthlyUsd === 0)).toBe(true);
  });
});

describe('SNS deliveries, SMS, Secrets Manager and alarm mute rules', () => {
  const topic = (severity: string) => ({
    Type: 'AWS::SNS::Topic',
    Properties: { TopicName: `ticketing-ops-prod-${severity}` },
  });
  const sub = (severity: string, Protocol: string, Endpoint: string) => ({
    Type: 'AWS::SNS::Subscription',
    Properties: { Protocol, Endpoint, TopicArn: { Ref: `T${severity}` } },
  });
  const resources = (extra: Record<string, unknown> = {}) => ({
    TP0: topic('P0'),
    TP3: topic('P3'),
    E0: sub('P0', 'email', 'oncall@example.com'),
    H0: sub('P0', 'https', 'https://events.pagerduty.com/x'),
    E3: sub('P3', 'email', 'team@example.com'),
    L3: sub('P3', 'lambda', 'fn'),
    M: { Type: 'AWS::CloudWatch::AlarmMuteRule', Properties: {} },
    ...extra,
  });
  const withMessages = (p3: number, profile: 'free' | 'standard' = 'free'): EnvironmentFacts => ({
    ...facts('prod', '222222222222', profile),
    topicMessagesPerMonth: { P0: 10, P1: 0, P2: 0, P3: p3 },
  });
  const cost = (f: EnvironmentFacts, r = resources()) => {
    const report = analyzeFreeTier([stack('A', f, r)]);
    const lines = Object.fromEntries((report.accounts[0]?.cost ?? []).map((c) => [c.item, c]));
    return { report, lines };
  };

  it('counts publishes per topic and deliveries per protocol; Lambda deliveries are not priced', () => {
    const { lines, report } = cost(withMessages(4));
    expect(lines['SNS publishes']?.quantity).toBe(14);
    expect(lines['SNS email deliveries']?.quantity).toBe(14);
    expect(lines['SNS HTTP/S deliveries']?.quantity).toBe(10);
    expect(lines['alarm mute rules']).toMatchObject({ quantity: 1, monthlyUsd: 0 });
    expect(lines['alarm mute rules']?.note).toMatch(/^No price published/);
    expect(lines['Secrets Manager secrets']).toMatchObject({ quantity: 0, monthlyUsd: 0 });
    expect(report.ok).toBe(true);
  });

  it('a report every 10 minutes sends 4,380 e-mails a month: 3,390 over the free 1,000 at $2 per 100,000', () => {
    const { lines, report } = cost(withMessages(4380));
    expect(lines['SNS email deliveries']).toMatchObject({ quantity: 4390, monthlyUsd: 0.07 });
    expect(report.accounts[0]?.violations).toContain(
      'SNS email deliveries: 4,390 exceeds the free 1,000 ($0.07/month)',
    );
  });

  it('SMS is never free: a number without a configured price is counted, shown unpriced and refused in free', () => {
    const { lines, report } = cost(withMessages(0), resources({ S: sub('P0', 'sms', '+821012345678') }));
    expect(lines['SNS SMS messages']).toMatchObject({ quantity: 10, unitPriceUnknown: true, monthlyUsd: 0 });
    expect(lines['SNS SMS messages']?.note).toMatch(/^no price for \+821012345678: SMS has no free tier/);
    expect(
      report.accounts[0]?.violations.some((v) => v.startsWith('SNS SMS messages: 10 exceeds the free 0')),
    ).toBe(true);
    expect(formatFreeTierReport(report)).toMatch(/SNS SMS messages\s+10\s+0\s+unknown/);
  });

  const smsPrices = [
    { prefix: '+82', usdPerMessage: 0.0321, source: 'a test price, not read from AWS' },
    { prefix: '+1', usdPerMessage: 0.0089, source: 'a test price, not read from AWS' },
    { prefix: '+1242', usdPerMessage: 0.25, source: 'a test price, not read from AWS' },
  ];

  it('each SMS number is priced at its longest configured calling code, per message, with no free messages', () => {
    const f = { ...withMessages(3, 'standard'), smsPrices };
    const { lines, report } = cost(
      f,
      resources({
        K: sub('P0', 'sms', '+821012345678'),
        U: sub('P0', 'sms', '+12025550100'),
        B: sub('P3', 'sms', '+12425550100'),
      }),
    );
    // 10 P0 pages to Korea at 0.0321 and to the US at 0.0089, 3 P3 pages to the Bahamas (+1 242) at 0.25.
    expect(lines['SNS SMS messages']).toMatchObject({
      quantity: 23,
      free: 0,
      monthlyUsd: 1.16,
      unitPriceUsd: 0,
    });
    expect(lines['SNS SMS messages']?.unitPriceUnknown).toBeUndefined();
    expect(lines['SNS SMS messages']?.note).toBe(
      'priced by paging.smsPrices: +82 at $0.0321 (a test price, not read from AWS); +1 at $0.0089 (a test price, not read from AWS); +1242 at $0.25 (a test price, not read from AWS)',
    );
    expect(report.accounts[0]?.monthlyUsd).toBeGreaterThanOrEqual(1.16);
  });

  it('one calling code gives the SMS line its unit price; in free a priced SMS is still refused', () => {
    const { lines, report } = cost(
      { ...withMessages(0), smsPrices },
      resources({ K: sub('P0', 'sms', '+821012345678') }),
    );
    expect(lines['SNS SMS messages']).toMatchObject({ quantity: 10, unitPriceUsd: 0.0321, monthlyUsd: 0.32 });
    expect(report.ok).toBe(false);
    expect(report.accounts[0]?.violations.join('\n')).toMatch(
      /SNS SMS messages: 10 exceeds the free 0 \(\$0\.32\/month\)/,
    );
  });

  it('a Secrets Manager secret in a template costs $0.40 a month', () => {
    const { lines } = cost(
      withMessages(0, 'standard'),
      resources({ Sec: { Type: 'AWS::SecretsManager::Secret', Properties: {} } }),
    );
    expect(lines['Secrets Manager secrets']).toMatchObject({ quantity: 1, monthlyUsd: 0.4 });
  });
});

describe('billing families', () => {
  // "For billing purposes, AWS treats all of the accounts in the organization as if they were one
  // account" (AWS Billing User Guide, consolidated billing): one set of free allowances per family.
  const inOrg = (environment: string, account: string): EnvironmentFacts => ({
    ...facts(environment, account),
    billingFamily: { id: 'org:999999999999', label: 'organization of payer 999999999999' },
  });
  const six = (env: string) =>
    Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`A${i}`, simpleAlarm(`ops-${env}-P3-s${i}`)]));

  it('two accounts of one organization share one allowance and one table', () => {
    const report = analyzeFreeTier([
      stack('Dev', inOrg('dev', '111111111111'), six('dev')),
      stack('Prod', inOrg('prod', '222222222222'), six('prod')),
    ]);
    expect(report.accounts).toHaveLength(1);
    expect(report.accounts[0]).toMatchObject({
      family: 'org:999999999999',
      account: '111111111111, 222222222222',
      environments: ['dev', 'prod'],
    });
    expect(report.accounts[0]?.violations).toContain('12 standard alarm metrics, the free tier has 10');
    const text = formatFreeTierReport(report);
    expect(text).toContain(
      'Billing families (free allowances are shared by every account one bill pays for):',
    );
    expect(text).toMatch(
      /organization of payer 999999999999\s+111111111111, 222222222222\s+dev, prod\s+free\s+\$0\.20/,
    );
    expect(text).toContain(
      'Billing family organization of payer 999999999999 (accounts 111111111111, 222222222222): dev, prod',
    );
  });

  it('the same two accounts paying their own bills are two families, each within its allowance', () => {
    const report = analyzeFreeTier([
      stack('Dev', facts('dev', '111111111111'), six('dev')),
      stack('Prod', facts('prod', '222222222222'), six('prod')),
    ]);
    expect(report.accounts.map((a) => a.family)).toEqual(['account:111111111111', 'account:222222222222']);
    expect(report.ok).toBe(true);
  });
});
