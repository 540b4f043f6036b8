import { Duration, Tags, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { topicName } from '../../core/catalog/naming';
import type { Subscription } from '../../core/config/schema';
import { topicTags } from '../../core/paging/tags';
import { SEVERITIES, type Severity, severityTitle } from '../../core/severity/severities';

export interface SeverityTopicsProps {
  /** Environment name, for readable topic names. */
  readonly environment: string;
  /** Subscriptions per severity; `chat` entries are delivered by the notifier, not here. */
  readonly subscriptions: Readonly<Record<Severity, readonly Subscription[]>>;
  /**
   * Encrypt the topics with a customer-managed KMS key. CloudWatch alarms cannot publish to a topic
   * encrypted with the AWS managed key, so encryption needs a key of our own ($1/month).
   * @default - not encrypted (messages carry alarm metadata, no customer data)
   */
  readonly encryptTopics?: boolean;
}

/** One SNS topic per severity (seed 002 s4.2), TLS enforced, with the configured subscriptions. */
export class SeverityTopics extends Construct {
  readonly topics: Readonly<Record<Severity, sns.Topic>>;
  /** Every subscription's undeliverable messages land here, so no page is lost silently. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SeverityTopicsProps) {
    super(scope, id);
    const topics = {} as Record<Severity, sns.Topic>;
    const masterKey = props.encryptTopics ? this.alarmPublishingKey() : undefined;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(this.deadLetterQueue).acknowledge({
        id,
        reason: 'This queue is the dead-letter queue of the paging subscriptions; nothing stands behind it.',
      });
    }
    for (const severity of SEVERITIES) {
      const topic = new sns.Topic(this, severity, {
        topicName: topicName(props.environment, severity),
        displayName: severityTitle(severity),
        enforceSSL: true,
        ...(masterKey ? { masterKey } : {}),
      });
      for (const [key, value] of Object.entries(topicTags(severity))) Tags.of(topic).add(key, value);
      if (!props.encryptTopics) {
        Validations.of(topic).acknowledge({
          id: 'AwsSolutions-SNS2',
          reason:
            'Alarm topics carry alarm names and thresholds, no customer data; a customer-managed KMS key costs $1/month, so encryptTopics is opt-in.',
        });
      }
      for (const s of props.subscriptions[severity]) {
        const sub = toSubscription(s, this.deadLetterQueue);
        if (sub) topic.addSubscription(sub);
      }
      topics[severity] = topic;
    }
    this.topics = topics;
  }

  /** A key CloudWatch may use to publish (the AWS managed SNS key does not allow it). */
  private alarmPublishingKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: 'Encrypts the ops-stack paging topics',
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        // Alarms, budgets and cost anomaly detection publish to these topics.
        principals: ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com', 'costalerts.amazonaws.com'].map(
          (service) => new iam.ServicePrincipal(service),
        ),
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    return key;
  }

  topicOf(severity: Severity): sns.ITopic {
    return this.topics[severity];
  }
}

function toSubscription(s: Subscription, deadLetterQueue: sqs.IQueue): sns.ITopicSubscription | undefined {
  switch (s.type) {
    case 'email':
      return new subscriptions.EmailSubscription(s.address, { deadLetterQueue });
    case 'sms':
      // CDK's SmsSubscription drops the dead-letter queue; SNS accepts one for SMS.
      return {
        bind: () => ({
          subscriberId: s.number,
          endpoint: s.number,
          protocol: sns.SubscriptionProtocol.SMS,
          deadLetterQueue,
        }),
      };
    case 'https':
      return new subscriptions.UrlSubscription(s.url, {
        protocol: sns.SubscriptionProtocol.HTTPS,
        deadLetterQueue,
      });
    case 'chat':
      return undefined;
  }
}
