import type { NotifierSettings } from '../../../lib/core/contracts/notifier';

/** Messages as AWS sends them to a paging topic. */
export const TOPICS = {
  P0: 'arn:aws:sns:ap-northeast-2:222222222222:p0',
  P1: 'arn:aws:sns:ap-northeast-2:222222222222:p1',
  P2: 'arn:aws:sns:ap-northeast-2:222222222222:p2',
  P3: 'arn:aws:sns:ap-northeast-2:222222222222:p3',
};

export function alarmMessage(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AlarmName: 'ops-example-prod-P1-api-error-rate-fast',
    AlarmDescription: '[P1] API error rate at or above 5%.',
    AWSAccountId: '222222222222',
    NewStateValue: 'ALARM',
    NewStateReason:
      'Threshold Crossed: 2 out of the last 3 datapoints [12.5 (22/11/26 10:02:00), 4.8 (22/11/26 10:01:00)] were greater than or equal to the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
    StateChangeTime: '2026-11-22T10:03:10.123+0000',
    Region: 'Asia Pacific (Seoul)',
    OldStateValue: 'OK',
    Trigger: {
      Period: 60,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 5.0,
    },
    ...overrides,
  });
}

export const COMPOSITE_MESSAGE = JSON.stringify({
  AlarmName: 'ops-example-prod-P1-slo-burn-page',
  AlarmDescription: '[P1] Availability SLO burning fast',
  NewStateValue: 'ALARM',
  OldStateValue: 'OK',
  NewStateReason: 'arn:aws:cloudwatch:...:alarm:ops-example-prod-P1-slo-burn-1h transitioned to ALARM',
  StateChangeTime: '2026-11-22T10:03:10.123+0000',
  AlarmRule: '(ALARM("a") AND ALARM("b"))',
});

export const BUDGET_SUBJECT = 'AWS Budgets: ops-stack-example-prod has exceeded your alert threshold';
export const BUDGET_MESSAGE = `AWS Budget Notification November 22, 2026
AWS Account 222222222222

Dear AWS Customer,

You requested that we alert you when the FORECASTED Cost associated with your ops-stack-example-prod budget is greater than $300.00 for the current month. The FORECASTED Cost associated with this budget is $342.10.`;

export const ANOMALY_MESSAGE = JSON.stringify({
  accountId: '222222222222',
  anomalyId: 'a1b2',
  monitorName: 'ops-stack services',
  impact: { totalImpact: 58.3, maxImpact: 40 },
  rootCauses: [{ service: 'Amazon Relational Database Service', region: 'ap-northeast-2' }],
  anomalyDetailsLink:
    'https://console.aws.amazon.com/cost-management/home#/anomaly-detection/overview?activeTab=history',
});

export function snsEvent(message: string, topic = TOPICS.P1, subject?: string): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        Sns: {
          Type: 'Notification',
          MessageId: 'm-1',
          TopicArn: topic,
          Message: message,
          Timestamp: '2026-11-22T10:03:11.000Z',
          ...(subject ? { Subject: subject } : {}),
        },
      },
    ],
  };
}

export function historyItem(at: string, newState: string) {
  return {
    Timestamp: new Date(at),
    HistoryItemType: 'StateUpdate' as const,
    HistoryData: JSON.stringify({ newState: { stateValue: newState } }),
  };
}

/** CloudWatch's "Alarm State Change" event, as the user guide's "Alarm events and EventBridge" shows it. */
export function stateChangeEvent(
  from: string,
  to: string,
  overrides: { alarmName?: string; reason?: string; timestamp?: string } = {},
): unknown {
  return {
    version: '0',
    id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '222222222222',
    time: '2026-11-22T10:03:10Z',
    region: 'ap-northeast-2',
    resources: [
      'arn:aws:cloudwatch:ap-northeast-2:222222222222:alarm:ops-example-prod-P1-api-error-rate-fast',
    ],
    detail: {
      alarmName: overrides.alarmName ?? 'ops-example-prod-P1-api-error-rate-fast',
      configuration: { description: '[P1] API error rate at or above 5%.' },
      previousState: { value: from, reason: 'earlier', timestamp: '2026-11-22T09:49:10.000+0000' },
      state: {
        value: to,
        reason:
          overrides.reason ??
          'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Missing].',
        reasonData: '{"version":"1.0","statistic":"Average","period":60,"threshold":5.0}',
        timestamp: overrides.timestamp ?? '2026-11-22T10:03:10.123+0000',
      },
    },
  };
}

/** Notifier settings for example-prod: chat on P1 (Slack), P2 (Slack and JSON) and P3 (Slack). */
export const SETTINGS: NotifierSettings = {
  region: 'ap-northeast-2',
  alarmNamePrefix: 'ops-example-prod-',
  topicArns: TOPICS,
  targets: {
    P1: [{ format: 'slack', parameter: '/ops/slack' }],
    P2: [
      { format: 'slack', parameter: '/ops/slack' },
      { format: 'json', parameter: '/ops/json' },
    ],
    P3: [{ format: 'slack', parameter: '/ops/slack' }],
  },
  resources: {
    dbInstanceIdentifier: 'ticketing-prod-db',
    cacheClusterId: 'redis-001',
    replicationGroupId: 'redis',
  },
  dashboardName: 'ops-example-prod-SLO',
  flapping: { changes: 4, windowMinutes: 30 },
  post: { timeoutMs: 200, attempts: 1, backoffMs: 1 },
};
