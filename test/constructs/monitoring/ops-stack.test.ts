import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { alarmName, dashboardName } from '../../../lib/core/catalog/naming';
import type { MetricAlarmSpec } from '../../../lib/core/catalog/types';
import { configFrom, templateOf } from '../../helpers/synth';

const httpApi = { kind: 'http', id: 'a1b2c3d4e5', stage: 'prod' };
const variants = [
  ['free', 'rest', {}],
  ['free', 'http', { api: httpApi }],
  ['standard', 'rest', { profile: 'standard' }],
  ['standard', 'http', { profile: 'standard', api: httpApi }],
] as const;

describe.each(variants)('OpsStack, %s profile, %s API', (profile, _api, overrides) => {
  const config = configFrom('example-prod', overrides);
  const { stack, template } = templateOf(config);
  const specs = stack.catalog.alarms.filter((a): a is MetricAlarmSpec => a.kind === 'metric-alarm');
  const topicIdOf = (severity: string) => {
    const topics = template.findResources('AWS::SNS::Topic', {
      Properties: { DisplayName: Match.stringLikeRegexp(`^${severity} `) },
    });
    const [id] = Object.keys(topics);
    if (!id) throw new Error(`no topic for ${severity}`);
    return id;
  };

  it('renders every selected catalog alarm with its threshold, window and severity topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', specs.length);
    for (const spec of specs) {
      const topic = { Ref: topicIdOf(spec.severity) };
      const query =
        spec.query.kind === 'metric'
          ? {
              MetricName: spec.query.metric.metricName,
              Namespace: spec.query.metric.namespace,
              Period: spec.query.metric.periodSeconds,
            }
          : {
              Metrics: Match.arrayWith([
                Match.objectLike({ Id: 'expr', Expression: spec.query.expression, ReturnData: true }),
                ...Object.entries(spec.query.metrics).map(([id, m]) =>
                  Match.objectLike({
                    Id: id,
                    ReturnData: false,
                    MetricStat: Match.objectLike({ Period: m.periodSeconds, Stat: m.statistic }),
                  }),
                ),
              ]),
            };
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: alarmName(config.name, spec.severity, spec.id),
        Threshold: spec.threshold,
        ComparisonOperator: spec.comparison,
        EvaluationPeriods: spec.evaluationPeriods,
        DatapointsToAlarm: spec.datapointsToAlarm,
        TreatMissingData: spec.missingData,
        AlarmActions: [topic],
        OKActions: [topic],
        ...query,
      });
    }
  });

  it(`stays within the account's 10 alarm metrics in the free profile`, () => {
    if (profile === 'free') expect(stack.catalog.alarmMetrics).toBeLessThanOrEqual(10);
    else expect(stack.catalog.dashboardOnly).toHaveLength(0);
  });

  it('pages service-down at P0 on 2 of 4 minutes, a silent probe leaving it in INSUFFICIENT_DATA', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmName(config.name, 'P0', 'service-down'),
      Namespace: 'OpsStack/Probe',
      MetricName: 'ServiceHealth',
      Dimensions: [{ Name: 'Environment', Value: config.name }],
      TreatMissingData: 'missing',
      EvaluationPeriods: 4,
      DatapointsToAlarm: 2,
      AlarmDescription: Match.stringLikeRegexp(
        '^\\[P0\\] Service down.*First steps: 1\\).*Seed: 002 s1.3, 000\\.$',
      ),
    });
  });
});

describe('OpsStack wiring (example-prod)', () => {
  const config = configFrom('example-prod');
  const { template } = templateOf(config);

  it('has four TLS-only severity topics with the configured subscriptions and a dead-letter queue', () => {
    template.resourceCountIs('AWS::SNS::Topic', 4);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    for (const protocol of ['email', 'https']) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: protocol,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('PagingDeadLetters'), 'Arn'] },
        },
      });
    }
    // chat subscriptions go through the notifier, never straight to a webhook URL
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'https' }, 1);
  });

  it('runs the health probe every minute on nodejs22.x with its own log group', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({
        Input: '{"kind":"ops-stack.health-probe"}',
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 10,
      Environment: { Variables: Match.objectLike({ HEALTH_URL: config.app.healthUrl, TIMEOUT_MS: '5000' }) },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('HealthProbe.*Logs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('sets 1-day and 7-day retention on the app log groups (seed 002 s1.1)', () => {
    template.hasResourceProperties('Custom::LogRetention', {
      LogGroupName: '/ticketing/prod/app',
      RetentionInDays: 1,
    });
    template.hasResourceProperties('Custom::LogRetention', {
      LogGroupName: '/ticketing/prod/payments',
      RetentionInDays: 7,
    });
  });

  it('saves the Logs Insights queries the runbooks name', () => {
    template.resourceCountIs('AWS::Logs::QueryDefinition', 6);
    template.hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'ops-stack/example-prod/trace a request',
      LogGroupNames: ['/ticketing/prod/app', '/ticketing/prod/payments'],
      QueryString: Match.stringLikeRegexp('filter traceId'),
    });
  });

  it('builds SLO and Infrastructure dashboards showing dashboard-only signals with their thresholds', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 2);
    const dashboards = template.findResources('AWS::CloudWatch::Dashboard');
    const bodies = Object.values(dashboards).map((d) => JSON.stringify(d.Properties.DashboardBody));
    expect(
      Object.values(dashboards)
        .map((d) => d.Properties.DashboardName)
        .sort(),
    ).toEqual([dashboardName(config.name, 'infrastructure'), dashboardName(config.name, 'slo')]);
    const all = bodies.join('');
    expect(all).toContain('Availability over 30 days (objective 99.5%)');
    expect(all).toContain('Queue admissions per hour vs 36,000 target');
    expect(all).toContain('[dashboard only] Availability SLO burning 1x over 3d');
    expect(all).toContain('[dashboard only] Coupons issued beyond the policy maximum');
    expect(all).toContain('\\"type\\":\\"alarm\\"');
  });

  it('declares the custom metrics it expects for the guard', () => {
    const metadata = template.toJSON().Metadata.OpsStack;
    expect(metadata).toMatchObject({ environment: 'example-prod', account: '222222222222', profile: 'free' });
    expect(metadata.customMetrics).toHaveLength(10);
  });

  it('one combined dashboard when the environment has a share of one', () => {
    const { template: small } = templateOf(configFrom('example-dev'));
    small.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
