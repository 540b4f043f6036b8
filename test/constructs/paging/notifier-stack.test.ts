import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { configFrom, templateOf } from '../../helpers/synth';

describe('chat notifier in the stack (example-prod: chat on P1 and P2)', () => {
  const { template } = templateOf(configFrom('example-prod'));
  const notifier = template.findResources('AWS::Lambda::Function', {
    Properties: { Description: Match.stringLikeRegexp('Posts ops-stack') },
  });
  const [notifierId] = Object.keys(notifier);

  it('subscribes to the topics that have chat targets, each subscription with the dead-letter queue', () => {
    const subs = template.findResources('AWS::SNS::Subscription', {
      Properties: { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [notifierId, 'Arn'] } },
    });
    expect(Object.keys(subs)).toHaveLength(2);
    for (const sub of Object.values(subs)) {
      expect(sub.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]).toMatch(/PagingDeadLetters/);
    }
  });

  it('sends failed invocations to the dead-letter queue without a second round of retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: notifierId },
      MaximumRetryAttempts: 0,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('PagingDeadLetters'), 'Arn'] } },
      },
    });
  });

  it('may read only its webhook parameter, the configured DB and cache, and its own alarms', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('ChatNotifier.*Role') }] },
    });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const byAction = Object.fromEntries(statements.map((s) => [[s.Action].flat().join(','), s.Resource]));
    expect(byAction['ssm:GetParameter']).toMatch(/:parameter\/ops-stack\/prod\/slack-webhook$/);
    expect(byAction['rds:DescribeDBInstances']).toMatch(/:db:ticketing-prod-db$/);
    expect(byAction['cloudwatch:DescribeAlarmHistory']).toBe(
      'arn:aws:cloudwatch:ap-northeast-2:222222222222:alarm:ops-example-prod-*',
    );
    // "To use this operation and return information about composite alarms, you must be signed on
    // with the cloudwatch:DescribeAlarms permission that is scoped to *." (API Reference,
    // DescribeAlarms). Listing mute rules names no resource. Nothing else may be unscoped.
    expect(statements.filter((s) => s.Resource === '*')).toEqual([
      {
        Effect: 'Allow',
        Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListAlarmMuteRules'],
        Resource: '*',
      },
    ]);
  });

  it("receives the state changes of this environment's alarms only, with the dead-letter queue", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { alarmName: [{ prefix: 'ops-example-prod-' }] },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [notifierId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('PagingDeadLetters'), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 },
        }),
      ],
    });
  });

  it('gets its settings from the config, flat: prefix, targets, resources, post and flapping policy', () => {
    const fn = Object.values(notifier)[0] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    const raw = JSON.stringify(fn.Properties.Environment.Variables.NOTIFIER_SETTINGS);
    for (const part of [
      'alarmNamePrefix\\":\\"ops-example-prod-',
      'dbInstanceIdentifier\\":\\"ticketing-prod-db',
      'timeoutMs\\":3000',
      'windowMinutes\\":30',
    ])
      expect(raw).toContain(part);
  });

  it('has no notifier when no severity has a chat target', () => {
    const { template: dev } = templateOf(configFrom('example-dev'));
    expect(
      dev.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('Posts ops-stack') },
      }),
    ).toEqual({});
  });

  it('places the probe in the configured subnets for a private health URL', () => {
    const withVpc = configFrom('example-prod', {
      app: {
        healthUrl: 'http://10.0.1.20:8080/actuator/health',
        probeNetwork: {
          vpcId: 'vpc-0a1b2c3d4e5f67890',
          subnetIds: ['subnet-0a1b2c3d4e5f67890', 'subnet-1a1b2c3d4e5f67890'],
          securityGroupIds: ['sg-0a1b2c3d4e5f67890'],
        },
      },
    });
    templateOf(withVpc).template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ HEALTH_URL: 'http://10.0.1.20:8080/actuator/health' }) },
      VpcConfig: {
        SubnetIds: ['subnet-0a1b2c3d4e5f67890', 'subnet-1a1b2c3d4e5f67890'],
        SecurityGroupIds: ['sg-0a1b2c3d4e5f67890'],
      },
    });
  });
});
