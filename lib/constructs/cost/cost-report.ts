import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  type ReportSettings,
  SCHEDULE_EVENT_KIND,
  SETTINGS_VARIABLE,
} from '../../core/contracts/cost-report';
import { nagResourceId } from '../common/nag';
import { OpsFunction } from '../common/ops-function';

export interface CostReportProps {
  readonly environment: string;
  readonly expectationUsd: number;
  readonly schedule: string;
  readonly repeatWindowHours: number;
  /** Cost Explorer detail, paid per request (see `budget.costExplorer`). @default - false: EstimatedCharges only */
  readonly costExplorer?: boolean;
  readonly urgentTopic: sns.ITopic;
  readonly noticeTopic: sns.ITopic;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * The weekly cost and free-tier report, also run on each budget or anomaly notification (it listens
 * on the P2 and P3 topics and ignores everything else there).
 */
export class CostReport extends Construct {
  readonly handler: OpsFunction;

  constructor(scope: Construct, id: string, props: CostReportProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const state = new ssm.StringParameter(this, 'SentFindings', {
      description: `ops-stack ${props.environment}: cost findings already sent, for the repeat window`,
      stringValue: '{}',
    });
    // One parameter per notice burst, created once (the report's atomic claim).
    const burstClaimPath = `/ops-stack/${props.environment}/cost-report/bursts`;
    const settings: ReportSettings = {
      environment: props.environment,
      region: stack.region,
      expectationUsd: props.expectationUsd,
      topics: { P2: props.urgentTopic.topicArn, P3: props.noticeTopic.topicArn },
      deadLetterQueueUrl: props.deadLetterQueue.queueUrl,
      stateParameter: state.parameterName,
      burstClaimPath,
      repeatWindowHours: props.repeatWindowHours,
      costExplorer: props.costExplorer ?? false,
    };
    this.handler = new OpsFunction(this, 'Report', {
      name: 'cost-report',
      description: `Cost and free-tier report for ops-stack ${props.environment}`,
      timeout: Duration.seconds(60),
      environment: { [SETTINGS_VARIABLE]: stack.toJsonString(settings) },
      onFailure: props.deadLetterQueue,
    });
    const role = this.handler.role;
    state.grantRead(role);
    state.grantWrite(role);
    const claims = stack.formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: `${burstClaimPath.slice(1)}/*`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ssm:PutParameter'], resources: [claims] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceId(stack, claims)}]`,
      reason:
        "One parameter per notice burst is created under the report's own path (the atomic claim); the names are not known before the notices arrive.",
    });
    props.urgentTopic.grantPublish(role);
    props.noticeTopic.grantPublish(role);
    if (props.urgentTopic.masterKey || props.noticeTopic.masterKey) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          "Publishing to an encrypted topic needs the GenerateDataKey family; CDK scopes it to the topics' own key.",
      });
    }
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:GetQueueAttributes'],
        resources: [props.deadLetterQueue.queueArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          // Paid per request: granted only when the report may call it.
          ...(settings.costExplorer ? ['ce:GetCostAndUsage', 'ce:GetCostForecast'] : []),
          'cloudwatch:GetMetricStatistics',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:ListMetrics',
          'cloudwatch:ListDashboards',
          'cloudwatch:GetDashboard',
          // The weekly report lists the week's alarm mutes.
          'cloudwatch:ListAlarmMuteRules',
          'cloudwatch:GetAlarmMuteRule',
        ],
        resources: ['*'],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Cost Explorer and the CloudWatch list and describe calls have no resource-level permissions (GetAlarmMuteRule reads rules ListAlarmMuteRules already lists); the actions are read-only and counted per account on purpose.',
    });
    new scheduler.Schedule(this, 'Weekly', {
      description: `ops-stack ${props.environment} weekly cost report`,
      schedule: scheduler.ScheduleExpression.expression(props.schedule),
      target: new targets.LambdaInvoke(this.handler.lambda, {
        input: scheduler.ScheduleTargetInput.fromObject({ kind: SCHEDULE_EVENT_KIND }),
        retryAttempts: 2,
      }),
    });
    for (const topic of [props.urgentTopic, props.noticeTopic]) {
      topic.addSubscription(
        new subscriptions.LambdaSubscription(this.handler.lambda, {
          deadLetterQueue: props.deadLetterQueue,
        }),
      );
    }
  }
}
