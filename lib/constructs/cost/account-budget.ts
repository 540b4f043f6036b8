import * as budgets from 'aws-cdk-lib/aws-budgets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowServicePublish } from '../common/publish';

export interface AccountBudgetProps {
  readonly environment: string;
  readonly monthlyUsd: number;
  /** Forecast over 100 % and actual over 100 %. */
  readonly urgentTopic: sns.ITopic;
  /** Actual over 80 %. */
  readonly noticeTopic: sns.ITopic;
}

/**
 * Seed 002 s4.4: alert when the forecast exceeds the expectation. A monthly cost budget gross of
 * credits (credits make net cost read zero), free to run, notifying through the severity topics.
 */
export class AccountBudget extends Construct {
  /** Notifications of the budget, each at most once a month: the reports they start are priced. */
  readonly notificationCount: number;
  /** The same, by the topic they go to. */
  readonly notificationsByTopic: { readonly urgent: number; readonly notice: number };

  constructor(scope: Construct, id: string, props: AccountBudgetProps) {
    super(scope, id);
    const notify = (type: 'FORECASTED' | 'ACTUAL', percent: number, topic: sns.ITopic) => ({
      notification: {
        notificationType: type,
        comparisonOperator: 'GREATER_THAN',
        threshold: percent,
        thresholdType: 'PERCENTAGE',
      },
      subscribers: [{ subscriptionType: 'SNS', address: topic.topicArn }],
    });
    const notifications = [
      notify('FORECASTED', 100, props.urgentTopic),
      notify('ACTUAL', 80, props.noticeTopic),
      notify('ACTUAL', 100, props.urgentTopic),
    ];
    this.notificationCount = notifications.length;
    const to = (topic: sns.ITopic) =>
      notifications.filter((n) => n.subscribers[0]?.address === topic.topicArn).length;
    this.notificationsByTopic = { urgent: to(props.urgentTopic), notice: to(props.noticeTopic) };
    new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
        costTypes: { includeCredit: false, includeRefund: false, includeDiscount: true, includeTax: true },
      },
      notificationsWithSubscribers: notifications,
    });
    for (const topic of new Set([props.urgentTopic, props.noticeTopic])) {
      allowServicePublish(topic, 'budgets.amazonaws.com', 'BudgetsPublish');
    }
  }
}
