import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';

/** Lets a role publish to paging topics; with encrypted topics that includes the key's data-key actions. */
export function grantPublish(role: iam.Role, ...topics: sns.ITopic[]): void {
  for (const topic of topics) topic.grantPublish(role);
  if (topics.some((t) => t.masterKey)) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        "Publishing to an encrypted topic needs the GenerateDataKey family; CDK scopes it to the topics' own key.",
    });
  }
}

/** Lets an AWS service (budgets, cost anomaly detection) publish to a topic, for this account only. */
export function allowServicePublish(topic: sns.ITopic, service: string, sid: string): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(service)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(topic).account } },
    }),
  );
}
