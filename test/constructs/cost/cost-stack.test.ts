import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../../lib/core/environments/load';
import { CONFIG_DIR, configFrom, synthStacks, templateOf } from '../../helpers/synth';

const topicId = (template: Template, severity: string) =>
  Object.keys(
    template.findResources('AWS::SNS::Topic', {
      Properties: { TopicName: Match.stringLikeRegexp(`-${severity}$`) },
    }),
  )[0];

describe('cost alerts (example-prod)', () => {
  const { template } = templateOf(configFrom('example-prod'));
  const p2 = { Ref: topicId(template, 'P2') };
  const p3 = { Ref: topicId(template, 'P3') };

  it('creates a monthly budget gross of credits, forecast and actual notifications to P2 and P3', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 300, Unit: 'USD' },
        CostTypes: Match.objectLike({ IncludeCredit: false }),
      },
      NotificationsWithSubscribers: [
        {
          Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: p2 }],
        },
        {
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: p3 }],
        },
        {
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 100 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: p2 }],
        },
      ],
    });
  });

  it('lets budgets and cost anomaly detection publish to the topics, for this account only', () => {
    const policies = JSON.stringify(template.findResources('AWS::SNS::TopicPolicy'));
    expect(policies).toContain('"Service":"budgets.amazonaws.com"');
    expect(policies).toContain('"Service":"costalerts.amazonaws.com"');
    expect(policies).toContain('"aws:SourceAccount":"222222222222"');
  });

  it('runs the report weekly and on every P2 and P3 message, with at most 60 s', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 0 ? * MON *)',
      Target: Match.objectLike({ Input: '{"kind":"ops-stack.cost-report"}' }),
    });
    const report = Object.keys(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('Cost and free-tier report') },
      }),
    )[0];
    for (const topic of [p2, p3]) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: topic,
        Endpoint: { 'Fn::GetAtt': [report, 'Arn'] },
      });
    }
  });

  it('grants Cost Explorer only when budget.costExplorer is on; EstimatedCharges always', () => {
    const statements = (t: Template) =>
      JSON.stringify(
        t.findResources('AWS::IAM::Policy', {
          Properties: { PolicyName: Match.stringLikeRegexp('CostReport') },
        }),
      );
    expect(statements(template)).toContain('cloudwatch:GetMetricStatistics');
    // The burst claim: PutParameter only under the report's own path.
    expect(statements(template)).toContain(
      '{"Action":"ssm:PutParameter","Effect":"Allow","Resource":"arn:aws:ssm:ap-northeast-2:222222222222:parameter/ops-stack/example-prod/cost-report/bursts/*"}',
    );
    expect(statements(template)).not.toContain('ce:GetCostAndUsage');
    const on = templateOf(
      configFrom('example-prod', { profile: 'standard', budget: { monthlyUsd: 300, costExplorer: true } }),
    ).template;
    expect(statements(on)).toContain('ce:GetCostAndUsage');
    expect(statements(on)).toContain('ce:GetCostForecast');
    on.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          COST_REPORT_SETTINGS: Match.objectLike({
            'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('"costExplorer":true')])]),
          }),
        }),
      },
    });
  });

  it('adds no billing alarm: budgets cover it, and it would take a free alarm metric', () => {
    expect(JSON.stringify(template.findResources('AWS::CloudWatch::Alarm'))).not.toContain(
      'EstimatedCharges',
    );
    expect(JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'))).toContain(
      'EstimatedCharges',
    );
  });
});

describe('cost anomaly monitor', () => {
  it('lives in a us-east-1 stack for an environment elsewhere, addressing P2 by name', () => {
    const { app } = synthStacks([configFrom('example-prod')]);
    const anomaly = app.node.findChild('example-prod').node.findChild('OpsStack-example-prod-cost-anomaly');
    const template = Template.fromStack(anomaly as never);
    expect((anomaly as unknown as { region: string }).region).toBe('us-east-1');
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorType: 'DIMENSIONAL',
      MonitorDimension: 'SERVICE',
    });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'IMMEDIATE',
      Subscribers: [
        {
          Type: 'SNS',
          Address: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':sns:ap-northeast-2:222222222222:ops-example-prod-P2'],
            ],
          },
        },
      ],
      ThresholdExpression: Match.stringLikeRegexp('"Values":\\["30"\\]'),
    });
  });

  it('lives in the environment stack in us-east-1, and nowhere for an environment that does not own it', () => {
    const { template } = templateOf(configFrom('example-prod', { region: 'us-east-1' }, 'virginia'));
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 1);
    const { app } = synthStacks(loadEnvironments(CONFIG_DIR));
    expect(
      app.node.findChild('example-dev').node.tryFindChild('OpsStack-example-dev-cost-anomaly'),
    ).toBeUndefined();
    expect(
      Template.fromStack(
        app.node.findChild('example-dev').node.findChild('OpsStack-example-dev') as never,
      ).findResources('AWS::Budgets::Budget'),
    ).toEqual({});
  });
});
