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
