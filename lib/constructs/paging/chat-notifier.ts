import { Arn, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmNamePrefix } from '../../core/catalog/naming';
import type { EnvironmentConfig } from '../../core/config/schema';
import {
  type ChatTarget,
  type FlappingPolicy,
  type NotifierSettings,
  type ResourceIds,
  SETTINGS_VARIABLE,
} from '../../core/contracts/notifier';
import { SEVERITIES, type Severity } from '../../core/severity/severities';
import { nagResourceId } from '../common/nag';
import { OpsFunction } from '../common/ops-function';

export interface ChatNotifierProps {
  /** Environment name: the notifier reads only alarms named with its prefix (naming.ts). */
  readonly environment: string;
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /** Chat targets by severity (see `chatTargets`); only these severities' topics are subscribed. */
  readonly targets: Readonly<Partial<Record<Severity, readonly ChatTarget[]>>>;
  /** The database and cache whose live status each alarm message shows. */
  readonly resources: ResourceIds;
  /** Deadline of one webhook POST and attempts before the record goes to the dead-letter queue. */
  readonly post: { readonly timeoutSeconds: number; readonly attempts: number };
  readonly flapping: FlappingPolicy;
  /** Receives records the notifier could not handle, and records SNS could not deliver to it. */
  readonly deadLetterQueue: sqs.IQueue;
  /** @default - messages carry no dashboard link */
  readonly dashboardName?: string;
}

/** Chat targets by severity, from the `chat` subscriptions of the paging config. */
export function chatTargets(paging: EnvironmentConfig['paging']): Partial<Record<Severity, ChatTarget[]>> {
  const targets: Partial<Record<Severity, ChatTarget[]>> = {};
  for (const severity of SEVERITIES) {
    const chat = paging[severity].flatMap((s) =>
      s.type === 'chat' ? [{ format: s.format, parameter: s.webhookParameter }] : [],
    );
    if (chat.length > 0) targets[severity] = chat;
  }
  return targets;
}

/**
 * Turns what arrives on the paging topics into short chat messages. Subscribed only to the
 * severities that have chat targets; every page still reaches its e-mail, SMS and HTTPS
 * subscribers without it. Also receives the environment's alarm state-change events, to say in
 * chat what SNS does not carry: changes of muted alarms and ALARM → INSUFFICIENT_DATA.
 */
export class ChatNotifier extends Construct {
  readonly handler: OpsFunction;

  constructor(scope: Construct, id: string, props: ChatNotifierProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const targets = Object.fromEntries(
      Object.entries(props.targets).map(([s, t]) => [s, [...(t ?? [])]]),
    ) as Record<string, ChatTarget[]>;
    const prefix = alarmNamePrefix(props.environment);
    const settings: NotifierSettings = {
      region: stack.region,
      alarmNamePrefix: prefix,
      topicArns: Object.fromEntries(Object.entries(props.topics).map(([s, t]) => [s, t.topicArn])),
      targets,
      resources: props.resources,
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      flapping: props.flapping,
      post: { timeoutMs: props.post.timeoutSeconds * 1000, attempts: props.post.attempts, backoffMs: 500 },
    };
    const worstCaseSeconds = props.post.attempts * (props.post.timeoutSeconds + 2) + 10;
    this.handler = new OpsFunction(this, 'Notifier', {
      name: 'notifier',
      description: `Posts ops-stack ${props.environment} pages to chat`,
      timeout: Duration.seconds(worstCaseSeconds),
      environment: { [SETTINGS_VARIABLE]: stack.toJsonString(settings) },
      onFailure: props.deadLetterQueue,
      // The function retries its own posts; a second round would only post twice.
      retryAttempts: 0,
    });
    this.grantReads(props, prefix, Object.values(targets).flat());

    for (const severity of Object.keys(targets) as Severity[]) {
      props.topics[severity].addSubscription(
        new subscriptions.LambdaSubscription(this.handler.lambda, {
          deadLetterQueue: props.deadLetterQueue,
        }),
      );
    }
    // CloudWatch sends these for every state change, muted or not (AWS service events on the
    // default bus are free); the function posts only what SNS did not carry.
    new events.Rule(this, 'AlarmStateChanges', {
      description: `State changes of ops-stack ${props.environment} alarms, for mute and data-stopped notes`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        detail: { alarmName: events.Match.prefix(prefix) },
      },
      targets: [
        new eventTargets.LambdaFunction(this.handler.lambda, {
          deadLetterQueue: props.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(15),
        }),
      ],
    });
  }

  private grantReads(props: ChatNotifierProps, prefix: string, targets: readonly ChatTarget[]): void {
    const stack = Stack.of(this);
    const arn = (
      service: string,
      resource: string,
      resourceName: string,
      sep = ArnFormat.COLON_RESOURCE_NAME,
    ) => Arn.format({ service, resource, resourceName, arnFormat: sep }, stack);
    const role = this.handler.role;
    const parameters = [...new Set(targets.map((t) => t.parameter))];
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: parameters.map((p) => arn('ssm', 'parameter', p.slice(1), ArnFormat.SLASH_RESOURCE_NAME)),
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['rds:DescribeDBInstances'],
        resources: [arn('rds', 'db', props.resources.dbInstanceIdentifier)],
      }),
    );
    const { cacheClusterId, replicationGroupId } = props.resources;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['elasticache:DescribeCacheClusters', 'elasticache:DescribeReplicationGroups'],
        resources: [
          arn('elasticache', 'cluster', cacheClusterId),
          ...(replicationGroupId ? [arn('elasticache', 'replicationgroup', replicationGroupId)] : []),
        ],
      }),
    );
    // Our alarm names share one prefix per environment (see naming.ts).
    const alarms = arn('cloudwatch', 'alarm', `${prefix}*`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['cloudwatch:DescribeAlarmHistory'], resources: [alarms] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceId(stack, alarms)}]`,
      reason:
        "Reads the state history of this environment's own alarms only: every alarm name starts with this prefix.",
    });
    // Both are reads that IAM cannot narrow: DescribeAlarms returns composite alarms only when
    // "scoped to *", and listing mute rules names no resource. The calls filter by our prefix / alarm.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListAlarmMuteRules'],
        resources: ['*'],
      }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "DescribeAlarms (composite alarms need the * scope) and ListAlarmMuteRules (a list of no resource) are read-only; the function asks only for its own environment's alarms.",
    });
  }
}
