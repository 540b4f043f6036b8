import { Arn, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmNamePrefix } from '../../core/catalog/naming';
import type { EnvironmentConfig } from '../../core/config/schema';
import { type ChatTarget, type NotifierSettings, SETTINGS_VARIABLE } from '../../core/contracts/notifier';
import { SEVERITIES, type Severity } from '../../core/severity/severities';
import { nagResourceId } from '../common/nag';
import { OpsFunction } from '../common/ops-function';

export interface ChatNotifierProps {
  readonly config: EnvironmentConfig;
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /** Receives records the notifier could not handle, and records SNS could not deliver to it. */
  readonly deadLetterQueue: sqs.IQueue;
  /** @default - messages carry no dashboard link */
  readonly dashboardName?: string;
}

/** Chat targets by severity, from the `chat` subscriptions of the paging config. */
export function chatTargets(paging: EnvironmentConfig['paging']): Record<string, ChatTarget[]> {
  const targets: Record<string, ChatTarget[]> = {};
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
 * subscribers without it.
 */
export class ChatNotifier extends Construct {
  readonly handler: OpsFunction;

  constructor(scope: Construct, id: string, props: ChatNotifierProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);
    const targets = chatTargets(config.paging);
    const n = config.paging.notifier;
    const settings: NotifierSettings = {
      region: stack.region,
      topicArns: Object.fromEntries(Object.entries(props.topics).map(([s, t]) => [s, t.topicArn])),
      targets,
      resources: {
        dbInstanceIdentifier: config.database.instanceIdentifier,
        cacheClusterId: config.cache.clusterId,
        ...(config.cache.replicationGroupId ? { replicationGroupId: config.cache.replicationGroupId } : {}),
      },
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      flapping: { changes: n.flappingChanges, windowMinutes: n.flappingWindowMinutes },
      post: { timeoutMs: n.timeoutSeconds * 1000, attempts: n.attempts, backoffMs: 500 },
    };
    const worstCaseSeconds = n.attempts * (n.timeoutSeconds + 2) + 10;
    this.handler = new OpsFunction(this, 'Notifier', {
      name: 'notifier',
      description: `Posts ops-stack ${config.name} pages to chat`,
      timeout: Duration.seconds(worstCaseSeconds),
      environment: { [SETTINGS_VARIABLE]: stack.toJsonString(settings) },
      onFailure: props.deadLetterQueue,
      // The function retries its own posts; a second round would only post twice.
      retryAttempts: 0,
    });
    this.grantReads(config, Object.values(targets).flat());

    for (const severity of Object.keys(targets) as Severity[]) {
      props.topics[severity].addSubscription(
        new subscriptions.LambdaSubscription(this.handler.lambda, {
          deadLetterQueue: props.deadLetterQueue,
        }),
      );
    }
  }

  private grantReads(config: EnvironmentConfig, targets: readonly ChatTarget[]): void {
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
        resources: [arn('rds', 'db', config.database.instanceIdentifier)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['elasticache:DescribeCacheClusters', 'elasticache:DescribeReplicationGroups'],
        resources: [
          arn('elasticache', 'cluster', config.cache.clusterId),
          ...(config.cache.replicationGroupId
            ? [arn('elasticache', 'replicationgroup', config.cache.replicationGroupId)]
            : []),
        ],
      }),
    );
    // Our alarm names share one prefix per environment (see naming.ts).
    const alarmPrefix = `${alarmNamePrefix(config.name)}*`;
    const alarms = arn('cloudwatch', 'alarm', alarmPrefix);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['cloudwatch:DescribeAlarmHistory'], resources: [alarms] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceId(stack, alarms)}]`,
      reason:
        "Reads the state history of this environment's own alarms only: every alarm name starts with this prefix.",
    });
  }
}
