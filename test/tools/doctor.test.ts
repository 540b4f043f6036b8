import { CloudWatchClient, DescribeAlarmsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../tools/ops/cli';
import { CONFIG_DIR } from '../helpers/synth';

const cw = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const NOW = new Date('2026-12-01T12:00:00Z');
let lines: string[];
const deps = () => ({
  configDir: CONFIG_DIR,
  cloudwatch: () => new CloudWatchClient({}),
  doctor: () => ({ cloudwatch: new CloudWatchClient({}), sns: new SNSClient({}) }),
  log: (l: string) => lines.push(l),
  sleep: async () => {},
  now: () => NOW,
});

const errorRate = {
  AlarmName: 'ops-example-prod-P1-api-5xx',
  Namespace: 'AWS/ApiGateway',
  MetricName: '5XXError',
  Dimensions: [
    { Name: 'ApiName', Value: 'ticketing-api' },
    { Name: 'Stage', Value: 'prod' },
  ],
  StateValue: 'OK' as const,
  StateUpdatedTimestamp: new Date('2026-12-01T11:00:00Z'),
};
const contract = {
  AlarmName: 'ops-example-prod-P0-payment-failures',
  Namespace: 'Ticketing',
  MetricName: 'PaymentFailures',
  Dimensions: [],
  StateValue: 'INSUFFICIENT_DATA' as const,
  StateUpdatedTimestamp: new Date('2026-12-01T09:00:00Z'),
};

beforeEach(() => {
  cw.reset();
  sns.reset();
  lines = [];
  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [errorRate, contract] });
  cw.on(ListMetricsCommand, { MetricName: '5XXError' }).resolves({
    Metrics: [{ Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: errorRate.Dimensions }],
  });
  sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [
      { SubscriptionArn: 'arn:aws:sns:x:1:t:abc', Protocol: 'email', Endpoint: 'oncall@example.com' },
    ],
  });
});

describe('npm run ops -- doctor', () => {
  it('passes a healthy account with exit code 0 and prints the call count and cost', async () => {
    cw.on(ListMetricsCommand, { MetricName: 'PaymentFailures' }).resolves({
      Metrics: [{ Namespace: 'Ticketing', MetricName: 'PaymentFailures', Dimensions: [] }],
    });
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [errorRate, { ...contract, StateValue: 'OK' }] });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(0);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(lines.at(-1)).toBe(
      "6 checks, 0 failed; 7 read-only API calls, at most $0.0001 at $0.01 per 1,000 requests (CloudWatch's price beyond its free API requests)",
    );
    // Read-only: ListMetrics asks for datapoints in the recent window with the alarm's exact dimensions.
    expect(cw.commandCalls(ListMetricsCommand)[0]?.args[0].input).toEqual({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: errorRate.Dimensions,
      RecentlyActive: 'PT3H',
    });
  });

  it('fails an account where the app publishes under another metric name, and the stuck alarm', async () => {
    // The app publishes "PaymentFailure" (singular); the contract and the alarm say PaymentFailures.
    cw.on(ListMetricsCommand, { MetricName: 'PaymentFailures' }).resolves({ Metrics: [] });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(lines).toContain(
      'FAIL  ops-example-prod-P0-payment-failures: Ticketing PaymentFailures (no dimensions) has no datapoints in the last 3 hours: the alarm can never fire; check the name and dimensions the app publishes',
    );
    expect(lines).toContain(
      'FAIL  ops-example-prod-P0-payment-failures: INSUFFICIENT_DATA since 2026-12-01T09:00:00.000Z (over an hour)',
    );
  });

  it('fails a contract metric published with dimensions: the alarm watches the one without', async () => {
    cw.on(ListMetricsCommand, { MetricName: 'PaymentFailures' }).resolves({
      Metrics: [
        { Namespace: 'Ticketing', MetricName: 'PaymentFailures', Dimensions: [{ Name: 'Host', Value: 'a' }] },
      ],
    });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(
      lines.filter((l) => l.startsWith('FAIL') && l.includes('PaymentFailures (no dimensions)')),
    ).toHaveLength(1);
  });

  it('names pending confirmations and topics nobody receives', async () => {
    cw.on(ListMetricsCommand).resolves({ Metrics: [] });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    sns
      .on(ListSubscriptionsByTopicCommand, {
        TopicArn: 'arn:aws:sns:ap-northeast-2:222222222222:ops-example-prod-P0',
      })
      .resolves({
        Subscriptions: [
          { SubscriptionArn: 'arn:aws:sns:x:1:t:abc', Protocol: 'sms', Endpoint: '+821000000000' },
          { SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'oncall@example.com' },
        ],
      });
    expect(await runCli(['doctor', '--env', 'example-prod'], deps())).toBe(1);
    expect(lines).toContain(
      'FAIL  topic ops-example-prod-P0: 1 confirmed, pending confirmation: email oncall@example.com',
    );
    expect(lines).toContain('FAIL  topic ops-example-prod-P3: 0 confirmed (nobody receives these pages)');
  });
});
