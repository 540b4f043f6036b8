import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  ListAlarmMuteRulesCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  GetSMSSandboxAccountStatusCommand,
  ListSMSSandboxPhoneNumbersCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Match } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmName, CAPTURED_SETTINGS_OUTPUT } from '../../lib/core/catalog/naming';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { runCli } from '../../tools/ops/cli';
import { runDoctor } from '../../tools/ops/doctor';
import { CONFIG_DIR, configFrom, exampleRaw, templateOf } from '../helpers/synth';

const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const logs = mockClient(CloudWatchLogsClient);
const ssm = mockClient(SSMClient);
const rds = mockClient(RDSClient);
const cfn = mockClient(CloudFormationClient);
const ce = mockClient(CostExplorerClient);
const NOW = new Date('2026-12-01T12:00:30Z');
const prod = configFrom('example-prod');
let lines: string[];

const clients = () => ({
  cloudwatch: (region: string) => new CloudWatchClient({ region }),
  sns: new SNSClient({}),
  logs: new CloudWatchLogsClient({}),
  ssm: new SSMClient({}),
  rds: new RDSClient({}),
  cloudformation: new CloudFormationClient({}),
  costExplorer: new CostExplorerClient({ region: 'us-east-1' }),
});
const deps = () => ({
  configDir: CONFIG_DIR,
  cloudwatch: () => new CloudWatchClient({}),
  doctor: clients,
  log: (l: string) => lines.push(l),
  sleep: async () => {},
  now: () => NOW,
});

function catalogAlarms(config: EnvironmentConfig, state = 'OK', since = new Date('2026-12-01T11:00:00Z')) {
  return resolveCatalog(config).alarms.map((a) => ({
    AlarmName: alarmName(config.name, a.severity, a.id),
    StateValue: state as 'OK',
    StateUpdatedTimestamp: since,
  }));
}

/** GetMetricData answering one datapoint per query, except for the metric names in `silent`. */
function metricsPublished(silent: readonly string[] = []) {
  cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
      Id: q.Id,
      StatusCode: 'Complete',
      ...(silent.includes(q.MetricStat?.Metric?.MetricName ?? '')
        ? { Timestamps: [], Values: [] }
        : { Timestamps: [input.StartTime as Date], Values: [1] }),
    })),
  }));
}

beforeEach(() => {
  for (const m of [cw, sns, logs, ssm, rds, cfn, ce]) m.reset();
  lines = [];
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: catalogAlarms(prod) });
  metricsPublished();
  cw.on(ListAlarmMuteRulesCommand).resolves({ AlarmMuteRuleSummaries: [] });
  sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [
      { SubscriptionArn: 'arn:aws:sns:x:1:t:abc', Protocol: 'email', Endpoint: 'oncall@example.com' },
    ],
  });
  ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'OpsStack-example-prod',
        CreationTime: NOW,
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: [{ OutputKey: CAPTURED_SETTINGS_OUTPUT, OutputValue: 'CFN-RecoveryCapturedSettings-abc' }],
      },
    ],
  });
  ssm.on(GetParameterCommand).resolves({
    Parameter: {
      Value: JSON.stringify({ capturedAt: '2026-12-01T03:00:00.000Z', instanceClass: 'db.t4g.micro' }),
    },
  });
  rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      { DBInstanceIdentifier: 'ticketing-prod-db', BackupRetentionPeriod: 7, DeletionProtection: true },
    ],
  });
  logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/ticketing/prod/app' }).resolves({
    logGroups: [{ logGroupName: '/ticketing/prod/app', retentionInDays: 1 }],
  });
  logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/ticketing/prod/payments' }).resolves({
    logGroups: [{ logGroupName: '/ticketing/prod/payments', retentionInDays: 7 }],
  });
});

describe('npm run ops -- doctor', () => {
  it('passes a healthy account with exit code 0 and prints every call with what it costs', async () => {
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(0);
    expect(lines.filter((l) => !l.startsWith('PASS'))).toEqual([
      '30 lines: 30 passed, 0 failed, 0 warnings',
      '13 read-only API calls, at most $0.01019: 2 CloudWatch requests ($0.01 per 1,000 beyond the free million), 1 GetMetricData for 17 metrics ($0.01 per 1,000 metrics), 1 Cost Explorer ($0.01 each), 4 SNS ($0.50 per million beyond the free million), 5 CloudFormation/RDS/SSM/Logs (no request charge)',
    ]);
    // One line per check family, in the order of the checklist.
    expect(lines).toContain('PASS  alarms: all 8 of the catalog are deployed');
    expect(lines).toContain('PASS  alarms: none in INSUFFICIENT_DATA for over an hour');
    expect(lines).toContain(
      'PASS  metric Ticketing/example-prod PaymentOutcome (no dimensions; payment-failures): datapoints in the last hour',
    );
    expect(lines).toContain('PASS  topic ops-example-prod-P0: 1 confirmed');
    expect(lines).toContain('PASS  SMS: no sms subscription, sandbox not checked');
    expect(lines).toContain('PASS  Cost Explorer: enabled (the weekly cost report can read it)');
    expect(lines).toContain(
      'PASS  recovery: settings snapshot captured 2026-12-01T03:00:00.000Z (9.0 h ago)',
    );
    expect(
      lines.some((l) => l.startsWith('PASS  database ticketing-prod-db: automated backups kept 7 days')),
    ).toBe(true);
    expect(lines).toContain('PASS  log group /ticketing/prod/payments: retention 7 days (important)');
    expect(lines).toContain('PASS  mutes: no alarm mute rule active now');
  });

  it('reads the last hour of every alarmed and dashboard metric with its exact dimensions, read-only', async () => {
    await runCli(['doctor', '--env', 'example-prod'], deps());
    const input = cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    expect(input?.EndTime).toEqual(new Date('2026-12-01T12:00:00Z'));
    expect(input?.StartTime).toEqual(new Date('2026-12-01T11:00:00Z'));
    const metrics = (input?.MetricDataQueries ?? []).map((q) => q.MetricStat?.Metric);
    expect(metrics).toContainEqual({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [
        { Name: 'ApiName', Value: 'ticketing-api' },
        { Name: 'Stage', Value: 'prod' },
      ],
    });
    // The app's contract metrics are published without dimensions, and so they are read.
    expect(metrics).toContainEqual({
      Namespace: 'Ticketing/example-prod',
      MetricName: 'PaymentOutcome',
      Dimensions: [],
    });
    // Every command sent is a Describe, List or Get.
    const sent = [cw, sns, logs, ssm, rds, cfn, ce].flatMap((m) =>
      m.calls().map((c) => (c.args[0] as object).constructor.name),
    );
    expect(sent.every((name) => /^(Describe|List|Get)/.test(name))).toBe(true);
  });

  it('fails an account where the app publishes under another metric name, naming the one it has', async () => {
    // The contract says PaymentOutcome; the app publishes PaymentOutcomes.
    metricsPublished(['PaymentOutcome']);
    cw.on(ListMetricsCommand, { MetricName: 'PaymentOutcome' }).resolves({ Metrics: [] });
    cw.on(ListMetricsCommand, { Namespace: 'Ticketing/example-prod', MetricName: undefined }).resolves({
      Metrics: [
        { Namespace: 'Ticketing/example-prod', MetricName: 'PaymentOutcomes', Dimensions: [] },
        { Namespace: 'Ticketing/example-prod', MetricName: 'QueueWaitingCount', Dimensions: [] },
      ],
    });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL  metric Ticketing/example-prod PaymentOutcome (no dimensions; payment-failures): no datapoints in the last hour; the namespace has PaymentOutcomes: the app publishes under another name than the contract (docs/metrics.md) says',
    ]);
  });

  it('fails a contract metric published with dimensions: the alarm watches the one without', async () => {
    metricsPublished(['QueueWaitingCount']);
    cw.on(ListMetricsCommand, { MetricName: 'QueueWaitingCount' }).resolves({
      Metrics: [
        {
          Namespace: 'Ticketing/example-prod',
          MetricName: 'QueueWaitingCount',
          Dimensions: [{ Name: 'Host', Value: 'a' }],
        },
      ],
    });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL  metric Ticketing/example-prod QueueWaitingCount (no dimensions; queue-admission-stalled): no datapoints in the last hour; it is published with other dimensions (Host=a): the alarm reads no dimensions',
    ]);
  });

  it('fails alarms that are missing or stuck in INSUFFICIENT_DATA for over an hour', async () => {
    const [first, ...rest] = catalogAlarms(prod);
    cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          ...(first as object),
          StateValue: 'INSUFFICIENT_DATA',
          StateUpdatedTimestamp: new Date('2026-12-01T10:59:00Z'),
        },
        ...rest.slice(1),
        // Fresh after a deploy: not yet an hour.
        {
          ...(rest[0] as object),
          StateValue: 'INSUFFICIENT_DATA',
          StateUpdatedTimestamp: new Date('2026-12-01T11:30:00Z'),
        },
      ],
    });
    cw.on(DescribeAlarmsCommand, { NextToken: undefined }).resolvesOnce({
      MetricAlarms: [
        {
          ...(first as object),
          StateValue: 'INSUFFICIENT_DATA',
          StateUpdatedTimestamp: new Date('2026-12-01T10:59:00Z'),
        },
      ],
      NextToken: 'page-2',
    });
    cw.on(DescribeAlarmsCommand, { NextToken: 'page-2' }).resolves({ MetricAlarms: rest.slice(2) });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    expect(failed).toEqual([
      expect.stringMatching(
        /^FAIL {2}alarms: 2 of 8 not deployed \(ops-example-prod-\S+, ops-example-prod-\S+\): run npx cdk deploy -c env=example-prod 'example-prod\/\*'$/,
      ),
      `FAIL  alarms in INSUFFICIENT_DATA for over an hour (they can never page): ${first?.AlarmName} since 2026-12-01T10:59:00.000Z`,
    ]);
    expect(cw.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
  });

  it('names pending confirmations and topics nobody receives; a silent severity passes with its reason', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    sns
      .on(ListSubscriptionsByTopicCommand, {
        TopicArn: 'arn:aws:sns:ap-northeast-2:222222222222:ops-example-prod-P0',
      })
      .resolves({
        Subscriptions: [
          {
            SubscriptionArn: 'arn:aws:sns:x:1:t:abc',
            Protocol: 'https',
            Endpoint: 'https://events.example.com/x',
          },
          { SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'oncall@example.com' },
        ],
      });
    const config = configFrom('example-prod', {
      paging: {
        ...(exampleRaw('example-prod').paging as object),
        silent: { P3: 'Only cost notices publish to P3 here.' },
      },
    });
    const result = await runDoctor(config, '222222222222', clients(), NOW);
    const topicLines = result.verdicts.filter((v) => v.line.startsWith('topic'));
    expect(topicLines).toEqual([
      {
        level: 'FAIL',
        line: 'topic ops-example-prod-P0: 1 confirmed, pending confirmation: email oncall@example.com',
      },
      { level: 'FAIL', line: 'topic ops-example-prod-P1: 0 confirmed (nobody receives these pages)' },
      { level: 'FAIL', line: 'topic ops-example-prod-P2: 0 confirmed (nobody receives these pages)' },
      {
        level: 'PASS',
        line: 'topic ops-example-prod-P3: no subscription, silent by config (Only cost notices publish to P3 here.)',
      },
    ]);
  });

  describe('SMS sandbox, where SMS pages', () => {
    // Tokyo sends SMS (lib/core/paging/sms-regions.ts); Seoul, example-prod's region, does not.
    const tokyo = () =>
      configFrom('example-prod', {
        region: 'ap-northeast-1',
        paging: {
          ...(exampleRaw('example-prod').paging as object),
          P0: [
            { type: 'email', address: 'oncall@example.com' },
            { type: 'sms', number: '+819012345678' },
            { type: 'sms', number: '+819087654321' },
          ],
          smsPrices: [{ prefix: '+81', usdPerMessage: 0.07, source: 'a test price, not read from AWS' }],
        },
      });
    const smsLine = async () =>
      (await runDoctor(tokyo(), '222222222222', clients(), NOW)).verdicts.find((v) =>
        v.line.startsWith('SMS'),
      );

    it('fails in the sandbox when a configured number is not verified, naming it', async () => {
      sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: true });
      sns.on(ListSMSSandboxPhoneNumbersCommand).resolves({
        PhoneNumbers: [
          { PhoneNumber: '+819012345678', Status: 'Verified' },
          { PhoneNumber: '+819087654321', Status: 'Pending' },
        ],
      });
      expect(await smsLine()).toEqual({
        level: 'FAIL',
        line: 'SMS: the account is in the SMS sandbox and +819087654321 is not verified, so no SMS reaches it: verify in the SNS console (Text messaging, Sandbox destination phone numbers) or exit the sandbox',
      });
    });
    it('warns in the sandbox with every number verified, passes out of it', async () => {
      sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: true });
      sns.on(ListSMSSandboxPhoneNumbersCommand).resolves({
        PhoneNumbers: [
          { PhoneNumber: '+819012345678', Status: 'Verified' },
          { PhoneNumber: '+819087654321', Status: 'Verified' },
        ],
      });
      expect((await smsLine())?.level).toBe('WARN');
      sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: false });
      expect(await smsLine()).toEqual({ level: 'PASS', line: 'SMS: the account is out of the SMS sandbox' });
    });
  });

  it('fails Cost Explorer not enabled, a stale or empty snapshot, backups at risk, wrong log retention', async () => {
    ce.on(GetCostAndUsageCommand).rejects(
      Object.assign(new Error('Data is not available.'), { name: 'DataUnavailableException' }),
    );
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: JSON.stringify({ capturedAt: '2026-11-29T12:00:00.000Z' }) } });
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        { DBInstanceIdentifier: 'ticketing-prod-db', BackupRetentionPeriod: 7, DeletionProtection: false },
      ],
    });
    logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/ticketing/prod/app' }).resolves({
      logGroups: [{ logGroupName: '/ticketing/prod/app' }],
    });
    logs.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/ticketing/prod/payments' }).resolves({
      logGroups: [{ logGroupName: '/ticketing/prod/payments-archive', retentionInDays: 7 }],
    });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL  Cost Explorer: no data (DataUnavailableException): enable Cost Explorer in the Billing console; the first data arrives within 24 hours, and the cost report has none until then',
      'FAIL  recovery: settings snapshot captured 2026-11-29T12:00:00.000Z, 48 h ago (the daily capture should keep it under 25 h): check the DailyCapture schedule and the dead-letter queue',
      'FAIL  database ticketing-prod-db: automated backups kept 7 days, but deletion protection is off: a delete removes them by default; turn it on, and delete it only with --no-delete-automated-backups (CDK: deleteAutomatedBackups: false)',
      'FAIL  log group /ticketing/prod/app: retention never expires, configured 1 (standard): deploy again, or something else changed it',
      'FAIL  log group /ticketing/prod/payments: does not exist (the app has not logged there yet, or the name differs)',
    ]);
    expect(ce.commandCalls(GetCostAndUsageCommand)[0]?.args[0].input).toEqual({
      TimePeriod: { Start: '2026-11-30', End: '2026-12-01' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
    });
  });

  it('reads the snapshot parameter named by the stack output the recovery stack writes', () => {
    templateOf(prod).template.hasOutput(CAPTURED_SETTINGS_OUTPUT, {
      Value: { Ref: Match.stringLikeRegexp('^RecoveryCapturedSettings') },
    });
  });

  it('fails a snapshot that was never captured and backups that are off', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{}' } });
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ BackupRetentionPeriod: 0 }] });
    const result = await runDoctor(prod, '222222222222', clients(), NOW);
    expect(result.verdicts.filter((v) => v.level === 'FAIL').map((v) => v.line)).toEqual([
      'recovery: settings snapshot CFN-RecoveryCapturedSettings-abc holds no capture yet: the capture at deploy failed (see the paging dead-letter queue) or the instance ticketing-prod-db does not exist',
      'database ticketing-prod-db: automated backups are off (BackupRetentionPeriod 0): no point-in-time restore is possible; set a retention of at least 1 day',
    ]);
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: 'CFN-RecoveryCapturedSettings-abc',
    });
  });

  it("warns about this environment's mute rules active now, and ignores other environments'", async () => {
    const arn = (name: string) => `arn:aws:cloudwatch:ap-northeast-2:222222222222:alarm-mute-rule:${name}`;
    cw.on(ListAlarmMuteRulesCommand).resolves({
      AlarmMuteRuleSummaries: [
        {
          AlarmMuteRuleArn: arn('ops-example-prod-mute-cli-20261201t1130'),
          Status: 'ACTIVE',
          ExpireDate: new Date('2026-12-01T12:15:00Z'),
        },
        { AlarmMuteRuleArn: arn('ops-example-staging-mute-cli-20261201t1130'), Status: 'ACTIVE' },
      ],
    });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(0);
    expect(lines).toContain(
      "WARN  mutes: 1 active now, their alarms page nobody until they end: ops-example-prod-mute-cli-20261201t1130 (until 2026-12-01T12:15:00.000Z); npm run ops -- unmute --env example-prod ends the CLI's",
    );
    expect(cw.commandCalls(ListAlarmMuteRulesCommand)[0]?.args[0].input).toEqual({ Statuses: ['ACTIVE'] });
  });

  it('an unexpected error fails its own line and the other checks still run', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(
      Object.assign(new Error('DBInstance ticketing-prod-db not found.'), {
        name: 'DBInstanceNotFoundFault',
      }),
    );
    logs
      .on(DescribeLogGroupsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([
      'FAIL  database ticketing-prod-db: not found in ap-northeast-2 (check database.instanceIdentifier)',
      'FAIL  logs: could not check (ThrottlingException: Rate exceeded)',
    ]);
    expect(lines).toContain('PASS  mutes: no alarm mute rule active now');
  });

  it('stops at the first credentials error for the CLI to explain in one line', async () => {
    cw.on(DescribeAlarmsCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    await expect(runCli(['doctor', '--env', 'example-prod'], deps())).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
    expect(lines).toEqual([]);
  });
});
