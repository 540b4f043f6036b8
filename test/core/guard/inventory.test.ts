import { describe, expect, it } from 'vitest';
import type { EnvironmentFacts } from '../../../lib/core/guard/facts';
import { analyzeFreeTier } from '../../../lib/core/guard/free-tier';
import { groupByAccount, inventoryOf, type TemplateInput } from '../../../lib/core/guard/inventory';
import { formatFreeTierReport } from '../../../lib/core/guard/report-table';
import { alarm, envFacts, stack } from './templates';

const inventory = (f: EnvironmentFacts, resources: Record<string, unknown>) =>
  inventoryOf([{ facts: f, stack: stack('A', f, resources) }]);

const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const fn = (properties: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::Function',
  Properties: properties,
});
const serviceFn = (service: string, extra: Record<string, unknown> = {}) =>
  fn({ Environment: { Variables: { POWERTOOLS_SERVICE_NAME: service } }, ...extra });
const schedule = (expression: string, target: unknown) => ({
  Type: 'AWS::Scheduler::Schedule',
  Properties: { ScheduleExpression: expression, Target: target },
});
const rule = (properties: Record<string, unknown>) => ({ Type: 'AWS::Events::Rule', Properties: properties });
const logRetention = (properties: Record<string, unknown>) => ({
  Type: 'Custom::LogRetention',
  Properties: properties,
});

describe('grouping stacks into billing families', () => {
  const inOrg = (environment: string, account: string) =>
    envFacts({
      environment,
      account,
      billingFamily: { id: 'org:999999999999', label: 'organization of payer 999999999999' },
    });

  it('leaves out stacks that carry no guard facts', () => {
    const bare: TemplateInput = { stackName: 'Bare', template: { Resources: { A: alarm('x') } } };
    expect(analyzeFreeTier([bare]).accounts).toEqual([]);
    const groups = groupByAccount([bare, stack('A', envFacts(), {})]);
    expect(groups.map((g) => g.members.map((m) => m.stack.stackName))).toEqual([['A']]);
  });

  it('orders families by id and lists each family’s accounts once, sorted', () => {
    const groups = groupByAccount([
      stack('Prod', inOrg('prod', '333333333333'), {}),
      stack('Solo', envFacts({ environment: 'solo', account: '222222222222' }), {}),
      stack('Dev', inOrg('dev', '111111111111'), {}),
      stack('Qa', inOrg('qa', '333333333333'), {}),
    ]);
    expect(groups.map(({ family, account, familyLabel }) => ({ family, account, familyLabel }))).toEqual([
      { family: 'account:222222222222', account: '222222222222', familyLabel: 'account 222222222222' },
      {
        family: 'org:999999999999',
        account: '111111111111, 333333333333',
        familyLabel: 'organization of payer 999999999999',
      },
    ]);
    expect(groups[1]?.members.map((m) => m.facts.environment)).toEqual(['prod', 'dev', 'qa']);
  });

  it('an environment without an account is its own family, labelled by the default credentials', () => {
    const { account: _, ...noAccount } = envFacts();
    const report = analyzeFreeTier([stack('A', noAccount, {})]);
    expect(report.accounts[0]).toMatchObject({
      account: '(default credentials)',
      family: 'account:(default credentials)',
      familyLabel: 'account (default credentials)',
    });
    expect(formatFreeTierReport(report)).toContain(
      'Billing family account (default credentials) (accounts (default credentials)): prod',
    );
  });
});

describe('SNS topics and subscriptions', () => {
  const topic = (name: string) => ({ Type: 'AWS::SNS::Topic', Properties: { TopicName: name } });
  const sub = (topicId: string, protocol?: string) => ({
    Type: 'AWS::SNS::Subscription',
    Properties: { TopicArn: { Ref: topicId }, Endpoint: 'x', ...(protocol ? { Protocol: protocol } : {}) },
  });
  const messages = envFacts({ topicMessagesPerMonth: { P0: 10, P1: 5, P3: 2 } });

  it('counts deliveries by protocol, https as http; other resources add no protocol', () => {
    const inv = inventory(messages, {
      T: topic('ops-prod-P0'),
      E: sub('T', 'email'),
      H: sub('T', 'https'),
      M: { Type: 'AWS::CloudWatch::AlarmMuteRule', Properties: {} },
    });
    expect(inv.snsPublishes).toBe(10);
    expect(inv.snsDeliveries).toEqual({ email: 10, http: 10 });
  });

  it('a subscription without a protocol is counted as unknown', () => {
    expect(inventory(messages, { T: topic('ops-prod-P3'), S: sub('T') }).snsDeliveries).toEqual({
      unknown: 2,
    });
  });

  it('a topic has a severity only from a -P0..-P3 suffix of its literal name', () => {
    const inv = inventory(messages, {
      T1: topic('ops-prod-P1'),
      TA: topic('ops-prod-P1-archive'),
      TN: topic('ops-prod-alerts'),
      TX: { Type: 'AWS::SNS::Topic' },
      S1: sub('T1', 'email'),
      SA: sub('TA', 'email'),
      SN: sub('TN', 'email'),
      SX: sub('TX', 'email'),
      // A topic from outside the template, and a subscription naming no topic at all.
      SI: sub('ImportedTopic', 'email'),
      S0: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'email' } },
    });
    expect(inv.snsPublishes).toBe(5);
    expect(inv.snsDeliveries).toEqual({ email: 5 });
  });
});

describe('alarms, secrets and mute rules', () => {
  it('lists alarm resources as alarms, and secrets and mute rules by stack and logical id', () => {
    const inv = inventory(envFacts(), {
      A: alarm('ops-prod-P1-a'),
      C: {
        Type: 'AWS::CloudWatch::CompositeAlarm',
        Properties: { AlarmName: 'ops-prod-P0-c', AlarmRule: 'x' },
      },
      Sec: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
      M: { Type: 'AWS::CloudWatch::AlarmMuteRule', Properties: {} },
    });
    expect(inv.alarms.map((a) => a.name)).toEqual(['ops-prod-P1-a', 'ops-prod-P0-c']);
    expect(inv.secrets).toEqual([{ stack: 'A', logicalId: 'Sec' }]);
    expect(inv.muteRules).toEqual([{ stack: 'A', logicalId: 'M' }]);
  });
});

describe('custom metrics from Logs metric filters', () => {
  it('counts each transformation of a metric filter as an application custom metric', () => {
    const published = {
      namespace: 'Ticketing/prod',
      name: 'Orders',
      dimensions: {},
      source: 'probe' as const,
    };
    const inv = inventory(envFacts({ customMetrics: [published] }), {
      F: {
        Type: 'AWS::Logs::MetricFilter',
        Properties: {
          MetricTransformations: [
            { MetricNamespace: 'App', MetricName: 'Errors', MetricValue: '1' },
            { MetricNamespace: 'App', MetricName: 'Timeouts', MetricValue: '1' },
          ],
        },
      },
      Empty: { Type: 'AWS::Logs::MetricFilter', Properties: {} },
    });
    expect(inv.customMetrics).toEqual([
      { ...published, stack: 'A' },
      { namespace: 'App', name: 'Errors', dimensions: {}, source: 'application', stack: 'A' },
      { namespace: 'App', name: 'Timeouts', dimensions: {}, source: 'application', stack: 'A' },
    ]);
  });
});

describe('schedules and the functions they start', () => {
  it('an EventBridge rule with a schedule starts its Lambda target: GB-seconds = runs x memory/1024 x timeout', () => {
    const inv = inventory(envFacts(), {
      Fn: fn({ MemorySize: 512, Timeout: 30 }),
      R: rule({ ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 't', Arn: getAtt('Fn') }] }),
      // Event-pattern rules run on events, not on a schedule.
      E: rule({ EventPattern: { source: ['aws.cloudwatch'] }, Targets: [{ Id: 't', Arn: getAtt('Fn') }] }),
    });
    expect(inv.schedules).toEqual([
      { stack: 'A', logicalId: 'R', expression: 'rate(1 hour)', perMonth: 730 },
    ]);
    expect(inv.lambdaRequests).toBe(730);
    expect(inv.lambdaGbSeconds).toBe(730 * 0.5 * 30);
  });

  it('a schedule whose target is no function of the template starts no Lambda', () => {
    const inv = inventory(envFacts(), {
      Fn: fn({}),
      Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
      ToMachine: schedule('rate(1 day)', { Arn: getAtt('Sm') }),
      ToLiteralArn: schedule('rate(1 day)', { Arn: 'arn:aws:lambda:ap-northeast-2:222222222222:function:x' }),
      ToRef: schedule('rate(1 day)', { Arn: { Ref: 'Fn' } }),
      ToMissing: schedule('rate(1 day)', { Arn: getAtt('Missing') }),
      NoArn: schedule('rate(1 day)', { Input: '{}' }),
    });
    expect(inv.schedules.map((s) => [s.logicalId, s.perMonth])).toEqual([
      ['ToMachine', 30],
      ['ToLiteralArn', 30],
      ['ToRef', 30],
      ['ToMissing', 30],
      ['NoArn', 30],
    ]);
    expect(inv.lambdaRequests).toBe(0);
    expect(inv.lambdaGbSeconds).toBe(0);
  });

  it('a resource of another type with schedule-like properties is no schedule', () => {
    const inv = inventory(
      envFacts({
        functionLogs: { 'health-probe': { bytesPerInvocation: 1000, eventInvocationsPerMonth: 200 } },
      }),
      {
        Fn: serviceFn('ops-stack-health-probe'),
        Cron: {
          Type: 'Custom::Cron',
          Properties: { ScheduleExpression: 'rate(1 minute)', Target: { Arn: getAtt('Fn') } },
        },
      },
    );
    expect(inv.schedules).toEqual([]);
    expect(inv.lambdaRequests).toBe(0);
    expect(inv.functionLogs.map((f) => f.invocationsPerMonth)).toEqual([200]);
  });
});

describe('our functions’ log volume', () => {
  const logFacts = envFacts({
    functionLogs: {
      'health-probe': { bytesPerInvocation: 1000, eventInvocationsPerMonth: 200 },
      'cost-report': { bytesPerInvocation: 2000, eventInvocationsPerMonth: 10 },
    },
  });

  /** A function's log row: invocations x bytes per invocation, in stack A. */
  const logRow = (name: string, invocationsPerMonth: number, bytes: number, retentionDays: number) => ({
    stack: 'A',
    name,
    invocationsPerMonth,
    gbPerMonth: (invocationsPerMonth * bytes) / 1e9,
    retentionDays,
  });

  it('invocations are the Scheduler and EventBridge runs plus the event ones, kept for the log group’s retention', () => {
    const inv = inventory(logFacts, {
      Fn: serviceFn('ops-stack-health-probe', { LoggingConfig: { LogGroup: { Ref: 'L' } } }),
      L: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
      S: schedule('rate(1 minute)', { Arn: getAtt('Fn') }),
      R: rule({ ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 't', Arn: getAtt('Fn') }] }),
      E: rule({ EventPattern: { source: ['aws.health'] }, Targets: [{ Id: 't', Arn: getAtt('Fn') }] }),
    });
    // 43,800 + 730 scheduled + 200 event invocations of 1,000 bytes.
    expect(inv.functionLogs).toEqual([logRow('health-probe', 44_730, 1000, 7)]);
  });

  it('counts only functions named ops-stack-<name> that have a logs fact; without a log group of its own, 30 days', () => {
    const inv = inventory(logFacts, {
      Report: serviceFn('ops-stack-cost-report'),
      Probe: serviceFn('ops-stack-health-probe', { LoggingConfig: { LogFormat: 'JSON' } }),
      NoVariables: fn({ Environment: {} }),
      NoProperties: { Type: 'AWS::Lambda::Function' },
      OtherPrefix: serviceFn('other-health-probe'),
      NoFact: serviceFn('ops-stack-notifier'),
      // Only Lambda functions are functions, whatever their variables say.
      NotAFunction: { ...serviceFn('ops-stack-health-probe'), Type: 'Custom::Probe' },
    });
    expect(inv.functionLogs).toEqual([
      logRow('cost-report', 10, 2000, 30),
      logRow('health-probe', 200, 1000, 30),
    ]);
  });

  it('an environment without logs facts counts none of its functions', () => {
    expect(inventory(envFacts(), { Fn: serviceFn('ops-stack-health-probe') }).functionLogs).toEqual([]);
  });
});

describe('the app’s log groups', () => {
  it('their retention comes from Custom::LogRetention resources that name a group directly and set days', () => {
    const inv = inventory(envFacts(), {
      App: logRetention({ LogGroupName: '/app/api', RetentionInDays: 1 }),
      OfFunction: logRetention({
        LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Fn' }]] },
        RetentionInDays: 7,
      }),
      // RetentionDays.INFINITE: CDK leaves RetentionInDays out.
      Forever: logRetention({ LogGroupName: '/app/audit' }),
      Own: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/ops/own', RetentionInDays: 14 } },
    });
    expect(inv.appLogs).toEqual([{ environment: 'prod', retentionDays: [1] }]);
  });
});

describe('cost report runs', () => {
  it('are its scheduled runs, one per budget notification and the anomaly alerts', () => {
    const f = envFacts({
      costReport: {
        schedule: 'cron(0 0 ? * MON *)',
        costExplorer: true,
        costExplorerCallsPerRun: 3,
        anomalyAlertsPerMonth: 2,
      },
    });
    const inv = inventory(f, {
      B: { Type: 'AWS::Budgets::Budget', Properties: { NotificationsWithSubscribers: [{}, {}] } },
      Quiet: { Type: 'AWS::Budgets::Budget', Properties: { Budget: {} } },
      // CDK leaves Properties out of a resource that sets none.
      Queue: { Type: 'AWS::SQS::Queue' },
    });
    // 4 weekly runs + 2 notifications + 2 anomaly alerts, 3 Cost Explorer requests each.
    expect(inv.costReportRuns).toBe(8);
    expect(inv.costExplorerRequests).toBe(24);
    expect(inv.costExplorerRequestsIfOn).toBe(24);
  });
});
