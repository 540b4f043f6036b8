import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowServicePublish } from '../common/publish';

export interface CostAnomalyMonitorProps {
  readonly environment: string;
  /** ARN of the P2 topic, which may live in another region. */
  readonly topicArn: string;
  readonly thresholdUsd: number;
  /** Subscribe to this monitor instead of creating one (AWS allows one SERVICE monitor per account). @default - a new monitor */
  readonly existingMonitorArn?: string;
}

/** One SERVICE anomaly monitor (AWS allows one per account) with an immediate alert to the P2 topic. */
export class CostAnomalyMonitor extends Construct {
  constructor(scope: Construct, id: string, props: CostAnomalyMonitorProps) {
    super(scope, id);
    const monitorArn =
      props.existingMonitorArn ??
      new ce.CfnAnomalyMonitor(this, 'Monitor', {
        monitorName: `ops-stack ${props.environment} services`,
        monitorType: 'DIMENSIONAL',
        monitorDimension: 'SERVICE',
      }).attrMonitorArn;
    new ce.CfnAnomalySubscription(this, 'Subscription', {
      subscriptionName: `ops-stack ${props.environment} P2`,
      frequency: 'IMMEDIATE',
      monitorArnList: [monitorArn],
      subscribers: [{ type: 'SNS', address: props.topicArn }],
      thresholdExpression: JSON.stringify({
        Dimensions: {
          Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          MatchOptions: ['GREATER_THAN_OR_EQUAL'],
          Values: [String(props.thresholdUsd)],
        },
      }),
    });
  }
}

export interface CostAnomalyStackProps extends StackProps, CostAnomalyMonitorProps {}

/** Cost Explorer resources exist only in us-east-1; environments elsewhere get this small stack there. */
export class CostAnomalyStack extends Stack {
  constructor(scope: Construct, id: string, props: CostAnomalyStackProps) {
    super(scope, id, props);
    new CostAnomalyMonitor(this, 'CostAnomaly', props);
  }
}

/** Cost Anomaly Detection publishes only where the topic policy lets it. */
export function allowCostAnomalyAlerts(topic: sns.ITopic): void {
  allowServicePublish(topic, 'costalerts.amazonaws.com', 'CostAnomalyDetectionPublish');
}
